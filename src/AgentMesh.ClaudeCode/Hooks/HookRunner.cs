using System.Text;
using AgentMesh.ClaudeCode.Sessions;

namespace AgentMesh.ClaudeCode.Hooks;

/// <summary>
/// <c>mesh hook &lt;event&gt;</c>: reads Claude's JSON from stdin, does the event's work, and answers on stdout
/// only when it has something for Claude. It fails open: a broker that is down, slow or refusing, input it
/// cannot read, anything unexpected — the hook exits 0 with nothing on stdout (a line on stderr only with
/// <c>MESH_DEBUG</c>), so Claude goes on as if the mesh were not there. It never starts a broker.
/// </summary>
public static class HookRunner
{
    public const string SessionStart = "session-start";
    public const string UserPromptSubmit = "user-prompt-submit";
    public const string Stop = "stop";
    public const string Notification = "notification";
    public const string SessionEnd = "session-end";

    /// <summary>The events, in the order <c>mesh install</c> lists them, with Claude's name for each.</summary>
    public static IReadOnlyList<(string Event, string ClaudeEvent)> Events { get; } =
    [
        (SessionStart, "SessionStart"),
        (SessionEnd, "SessionEnd"),
        (UserPromptSubmit, "UserPromptSubmit"),
        (Stop, "Stop"),
        (Notification, "Notification"),
    ];

    /// <summary>A pattern, not a search of <see cref="Events"/>: LINQ over its tuples is jitted at run time, on every hook.</summary>
    public static bool IsEvent(string name) => name is SessionStart or SessionEnd or UserPromptSubmit or Stop or Notification;

    /// <summary>Runs one hook; always returns 0 (fail open).</summary>
    public static int Run(string hookEvent, TextReader stdin, TextWriter stdout, TextWriter stderr, HookEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(environment);
        try
        {
            // Synchronous throughout: Claude writes the JSON and closes stdin, and asynchronous reads would start
            // the thread pool just for this (see ClaudeCodeCommand and ShortLivedMeshClient).
            var input = HookInput.Parse(Encoding.UTF8.GetBytes(stdin.ReadToEnd()));
            if (input.SessionId is not { Length: > 0 } sessionId)
            {
                Debug(environment, stderr, hookEvent, "no session_id on stdin; nothing to do");
                return 0;
            }
            var client = environment.CreateClient(hookEvent == SessionEnd ? environment.SessionEndBudget : environment.Budget);
            var session = new HookSession(input, sessionId, client, new SessionStateStore(environment.Home), environment);
            switch (hookEvent)
            {
                case SessionStart: SessionStartHook.Run(session, cancellationToken); break;
                case UserPromptSubmit: UserPromptSubmitHook.Run(session, stdout, cancellationToken); break;
                case Stop: StopHook.Run(session, stdout, cancellationToken); break;
                case Notification: NotificationHook.Run(session, cancellationToken); break;
                case SessionEnd: SessionEndHook.Run(session, cancellationToken); break;
            }
        }
        catch (Exception e)
        {
            // Fail open, whatever it was: Claude must never be held up or confused by the mesh.
            Debug(environment, stderr, hookEvent, $"{e.GetType().Name}: {e.Message}");
        }
        return 0;
    }

    private static void Debug(HookEnvironment environment, TextWriter stderr, string hookEvent, string message)
    {
        if (environment.Debug)
        {
            stderr.WriteLine($"mesh hook {hookEvent}: {message}");
        }
    }
}
