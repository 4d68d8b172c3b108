namespace AgentMesh.ClaudeCode.Install;

/// <summary>
/// A statusLine command that runs the user's own command and then <c>mesh statusline</c> on the same stdin
/// JSON, each printing its own line (Claude shows a multi-line status). Offered, never written: the user's
/// statusLine is theirs.
/// </summary>
public static class StatusLineChain
{
    public static string Command(string userCommand, string meshCommand)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userCommand);
        ArgumentException.ThrowIfNullOrWhiteSpace(meshCommand);
        return $"input=$(cat); printf '%s' \"$input\" | {{ {userCommand.Trim().TrimEnd(';')}; }}; printf '%s' \"$input\" | {meshCommand}";
    }
}
