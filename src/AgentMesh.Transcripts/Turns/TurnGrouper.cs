using AgentMesh.Transcripts.Reading;

namespace AgentMesh.Transcripts.Turns;

/// <summary>
/// Groups entries into turns: a prompt starts the next turn, everything else joins the current one. Tool
/// results are named after the call they answer; the names of one turn's calls are all it remembers, so
/// memory stays bounded however long the transcript is.
/// </summary>
internal sealed class TurnGrouper
{
    private readonly Dictionary<string, string> _toolNames = new(StringComparer.Ordinal);
    private List<TranscriptItem>? _items;
    private string? _prompt;
    private DateTimeOffset? _startedAt;
    private int _index = -1;

    /// <summary>How many prompts were seen so far.</summary>
    public int Prompts => Math.Max(_index, 0);

    /// <summary>Adds an entry; returns the turn it completed, if it started a new one.</summary>
    public TranscriptTurn? Add(TranscriptEntry entry)
    {
        TranscriptTurn? completed = null;
        if (entry.StartsTurn)
        {
            completed = Finish();
            _index = Math.Max(_index, 0) + 1;
            _prompt = entry.Prompt;
            _startedAt = entry.Timestamp;
            _items = [];
            _toolNames.Clear();
        }
        else if (_items is null)
        {
            // Activity before the first prompt (a resumed or hook-started session): turn 0.
            _index = 0;
            _startedAt = entry.Timestamp;
            _items = [];
        }
        foreach (var item in entry.Items)
        {
            _items.Add(Named(item));
        }
        return completed;
    }

    /// <summary>The turn in progress, if any; after this the grouper is empty.</summary>
    public TranscriptTurn? Finish()
    {
        if (_items is null)
        {
            return null;
        }
        var turn = new TranscriptTurn { Index = _index, StartedAt = _startedAt, Prompt = _prompt, Items = _items };
        _items = null;
        _prompt = null;
        return turn;
    }

    private TranscriptItem Named(TranscriptItem item)
    {
        if (item.ToolUseId is not { } id)
        {
            return item;
        }
        if (item.Kind == TranscriptItemKind.ToolUse && item.Tool is { } tool)
        {
            _toolNames[id] = tool;
            return item;
        }
        return item.Tool is null && _toolNames.TryGetValue(id, out var name) ? item with { Tool = name } : item;
    }
}
