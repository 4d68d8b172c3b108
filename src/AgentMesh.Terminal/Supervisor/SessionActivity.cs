using AgentMesh.Protocol.Agents;

namespace AgentMesh.Terminal.Supervisor;

/// <summary>
/// Whether the supervised session is at its prompt, from the status its hooks report. <c>idle</c> is at the
/// prompt. <c>waiting-for-input</c> is ambiguous: Claude reports it both for an idle prompt (safe to type into)
/// and for a permission question in the middle of a turn (typing would answer it), so it counts as idle only
/// when the status before it was idle. After the supervisor submits a prompt itself the session is taken to
/// be busy until its hooks report a different status than it had at that moment (a report of the same status
/// may predate the prompt: a read that raced it, or an event still on its way), or until the caller forces it.
/// </summary>
public sealed class SessionActivity
{
    private readonly Lock _lock = new();
    private string? _status;
    private bool _idleBeforeWaiting;
    private DateTimeOffset? _submittedAt;
    private string? _statusAtSubmit;

    /// <summary>The last status reported by the session's hooks (null before the first).</summary>
    public string? Status
    {
        get
        {
            lock (_lock)
            {
                return _status;
            }
        }
    }

    /// <summary>When the supervisor submitted a prompt that the hooks have not reported on yet, or null.</summary>
    public DateTimeOffset? SubmittedAt
    {
        get
        {
            lock (_lock)
            {
                return _submittedAt;
            }
        }
    }

    public bool AtPrompt
    {
        get
        {
            lock (_lock)
            {
                return _submittedAt is null && (_status == AgentStatus.Idle || (_status == AgentStatus.Waiting && _idleBeforeWaiting));
            }
        }
    }

    /// <summary>
    /// A status reported by the session (an event, or a fresh read of its record). <paramref name="force"/>
    /// takes it even when it cannot be told apart from the status before the supervisor's own prompt.
    /// </summary>
    public void Report(string status, bool force = false)
    {
        lock (_lock)
        {
            if (_submittedAt is not null && status == _statusAtSubmit && !force)
            {
                return; // nothing new since our prompt: the hooks have not reported on it yet
            }
            if (status == AgentStatus.Waiting)
            {
                _idleBeforeWaiting = _status == AgentStatus.Idle || (_status == AgentStatus.Waiting && _idleBeforeWaiting);
            }
            _status = status;
            _submittedAt = null;
        }
    }

    /// <summary>The supervisor pressed Enter on a prompt: busy until the hooks say otherwise.</summary>
    public void Submitted(DateTimeOffset at)
    {
        lock (_lock)
        {
            _submittedAt = at;
            _statusAtSubmit = _status;
        }
    }
}
