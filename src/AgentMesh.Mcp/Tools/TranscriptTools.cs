using System.ComponentModel;
using System.Globalization;
using System.Text;
using AgentMesh.Mcp.Hosting;
using AgentMesh.Protocol.Agents;
using AgentMesh.Transcripts;
using AgentMesh.Transcripts.Rendering;
using AgentMesh.Transcripts.Search;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AgentMesh.Mcp.Tools;

/// <summary>
/// Other sessions' history: the Claude Code transcript an agent registered, read from this machine's disk
/// by whichever process serves MCP (<c>mesh mcp</c> or the broker), as turns.
/// </summary>
[McpServerToolType]
internal sealed class TranscriptTools(MeshSession session)
{
    /// <summary>Past this, a result is cut: a model's context is not the place for megabytes of raw output.</summary>
    internal const int MaxResultChars = 100_000;

    [McpServerTool(Name = "read_history", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Reads another agent's Claude Code session transcript: its last turns, each a user prompt with the replies, tool calls and results that followed. Tool results and file contents are cut at 4 KiB unless raw=true. Use it to see what a peer did before asking it.")]
    public Task<CallToolResult> ReadHistoryAsync(
        [Description("Whose transcript: agent name, id or folder name.")] string agent,
        [Description("How many of the last turns (default 3, at most 50).")] int turns = 3,
        [Description("true to show tool results and file contents whole.")] bool raw = false,
        CancellationToken cancellationToken = default) => ToolResults.RunAsync(async () =>
    {
        var (info, path) = await ResolveAsync(agent, cancellationToken);
        var page = await TranscriptReader.ReadLastAsync(path, Math.Clamp(turns, 1, 50), new TranscriptReadOptions { Raw = raw }, cancellationToken);
        if (page.Turns.Count == 0)
        {
            return $"The transcript of {Who(info)} has no turns yet.";
        }
        var text = new StringBuilder();
        text.Append(page.Turns.Count == 1 ? $"Turn {page.Turns[0].Index}" : $"Turns {page.Turns[0].Index}–{page.Turns[^1].Index}")
            .Append(" of ").Append(page.TotalTurns).Append(" of ").Append(Who(info)).Append("'s transcript:\n\n")
            .Append(TranscriptText.Turns(page.Turns));
        if (page.CutBytes > 0)
        {
            text.Append('\n').Append(CutNote(page.CutBytes));
        }
        if (page.Turns[0].Index > 1)
        {
            text.Append("\nEarlier turns: call read_history with more turns, or get_turn with a number.");
        }
        return Capped(text);
    });

    [McpServerTool(Name = "search_history", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Finds the turns of another agent's transcript that mention a text (case-insensitive) or match a /regex/. Returns each turn's number with excerpts, the match between « and ». Read a whole turn with get_turn.")]
    public Task<CallToolResult> SearchHistoryAsync(
        [Description("Whose transcript: agent name, id or folder name.")] string agent,
        [Description("Text to find, or /regex/ (/regex/i ignores case).")] string query,
        [Description("At most this many matching turns, the most recent (default 10, at most 50).")] int limit = 10,
        CancellationToken cancellationToken = default) => ToolResults.RunAsync(async () =>
    {
        var parsed = TranscriptQuery.Parse(query);
        var (info, path) = await ResolveAsync(agent, cancellationToken);
        var result = await TranscriptSearch.SearchAsync(path, parsed, Math.Clamp(limit, 1, 50), cancellationToken);
        if (result.Hits.Count == 0)
        {
            return $"No turn of {Who(info)}'s transcript matches {query} ({result.TotalTurns} turns searched).";
        }
        var text = new StringBuilder();
        text.Append(result.MatchingTurns).Append(" of ").Append(result.TotalTurns).Append(" turns of ").Append(Who(info)).Append("'s transcript match")
            .Append(result.MatchingTurns > result.Hits.Count ? $"; the last {result.Hits.Count} are shown" : "").Append(":\n\n")
            .Append(string.Join("\n", result.Hits.Select(TranscriptText.Hit)))
            .Append("\nRead a whole turn with get_turn.");
        return Capped(text);
    });

    [McpServerTool(Name = "get_turn", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Shows one turn of another agent's transcript in full, by the number read_history or search_history gave. Tool results and file contents are cut at 4 KiB unless raw=true.")]
    public Task<CallToolResult> GetTurnAsync(
        [Description("Whose transcript: agent name, id or folder name.")] string agent,
        [Description("The turn's number (1 is the first prompt).")] int index,
        [Description("true to show tool results and file contents whole.")] bool raw = false,
        CancellationToken cancellationToken = default) => ToolResults.RunAsync(async () =>
    {
        var (_, path) = await ResolveAsync(agent, cancellationToken);
        var turn = await TranscriptReader.ReadTurnAsync(path, index, new TranscriptReadOptions { Raw = raw }, cancellationToken);
        var text = new StringBuilder(TranscriptText.Turn(turn));
        if (turn.CutBytes > 0)
        {
            text.Append('\n').Append(CutNote(turn.CutBytes));
        }
        return Capped(text);
    });

    private async Task<(AgentInfo Agent, string Path)> ResolveAsync(string agent, CancellationToken cancellationToken)
    {
        var info = await session.Operations.GetAgentAsync(ToolArguments.Require(agent, "agent", "the agent's name, id or folder name"), cancellationToken);
        return (info, TranscriptSource.PathOf(info));
    }

    private static string Who(AgentInfo agent) => $"{agent.Name} ({agent.Id})";

    private static string CutNote(long bytes) => string.Create(CultureInfo.InvariantCulture,
        $"{bytes:N0} bytes of tool results and file contents were cut at 4 KiB each; call get_turn with raw=true to see one turn whole.");

    private static string Capped(StringBuilder text) =>
        text.Length <= MaxResultChars
            ? text.ToString().TrimEnd()
            : string.Create(CultureInfo.InvariantCulture, $"{text.ToString(0, MaxResultChars)}\n[… {text.Length - MaxResultChars:N0} more characters not shown; ask for fewer turns, or without raw.]");
}
