using AgentMesh.ClaudeCode;

// mesh-hook <event> | mesh-hook statusline: what `mesh install` puts in Claude Code's settings when this program
// sits next to `mesh`. The same work as `mesh hook <event>` / `mesh statusline` (ClaudeCodeCommand), in a process
// that loads only what a hook needs and is published self-contained, precompiled as one composite image.
if (args is [var command] && ClaudeCodeCommand.IsCommand(command))
{
    return ClaudeCodeCommand.Run(command, CancellationToken.None);
}
// Not 2: Claude Code reads exit code 2 from a hook as "block" (and drops the user's prompt).
Console.Error.WriteLine($"usage: mesh-hook <{string.Join("|", ClaudeCodeCommand.Names)}>, with Claude Code's JSON on stdin (mesh install writes these commands)");
return 1;
