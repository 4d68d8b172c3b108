using System.CommandLine;
using AgentMesh.ClaudeCode;
using AgentMesh.ClaudeCode.Statusline;
using AgentMesh.Cli.Hosting;

namespace AgentMesh.Cli.Commands;

/// <summary><c>mesh statusline</c>: Claude Code's statusLine command (see <see cref="StatuslineRenderer"/>).</summary>
internal sealed class StatuslineCommand : MeshCommand
{
    public StatuslineCommand(CliContext context, GlobalOptions globals)
        : base("statusline", "Print the Claude Code status line for the session on stdin: [id · N peers · ✉unread]. Never starts a broker.", context, globals)
    {
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh statusline < statusline-input.json",
    ];

    protected override Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken) =>
        Task.FromResult(StatuslineRenderer.Run(Context.Stdin, Context.Stdout, Console.Error,
            ClaudeCodeCommand.Environment(Context.Variables, MeshName(parseResult)), cancellationToken));
}
