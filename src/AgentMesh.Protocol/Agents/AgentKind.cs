namespace AgentMesh.Protocol.Agents;

/// <summary>What kind of program an agent is; informs how the mesh reaches it.</summary>
public static class AgentKind
{
    public const string ClaudeCode = "claude-code";
    public const string Codex = "codex";
    public const string Gemini = "gemini";
    public const string Cursor = "cursor";
    public const string Kiro = "kiro";
    public const string Tmux = "tmux";
    public const string Webhook = "webhook";
    public const string Builtin = "builtin";
    public const string Http = "http";

    public static readonly IReadOnlyList<string> All = [ClaudeCode, Codex, Gemini, Cursor, Kiro, Tmux, Webhook, Builtin, Http];

    public static bool IsValid(string? kind) => kind is not null && All.Contains(kind);
}
