using System.Globalization;
using AgentMesh.Protocol.Errors;
using AgentMesh.Terminal.Idle;

namespace AgentMesh.Terminal.Tmux;

/// <summary>
/// The tmux operations a terminal agent needs: create, find, respawn and kill its session, look at its pane,
/// and type into it. Session targets use <c>=name:</c> (exact match: tmux otherwise accepts a prefix);
/// panes are addressed by their id (<c>%3</c>), which stays the same whatever the person does with windows.
/// </summary>
public sealed class TmuxSessions(TmuxRunner tmux)
{
    /// <summary>Largest piece of text per send-keys: tmux refuses commands over about 16 KiB.</summary>
    internal const int ChunkChars = 2000;
    private const string ObservationMarker = "mesh-pane|";

    public TmuxRunner Runner => tmux;

    public async Task<bool> SessionExistsAsync(string session, CancellationToken cancellationToken) =>
        (await tmux.RunAsync(["has-session", "-t", Exact(session)], cancellationToken).ConfigureAwait(false)).Ok;

    /// <summary>The session's mesh marks, or null when there is no such session.</summary>
    public async Task<AgentSession?> FindAsync(string session, CancellationToken cancellationToken)
    {
        var result = await tmux.RunAsync([
            ["display-message", "-p", "-t", Exact(session),
                $"#{{session_name}}\t#{{{AgentSession.AgentOption}}}\t#{{{AgentSession.PaneOption}}}"],
            ["show-options", "-qv", "-t", Exact(session), AgentSession.CommandOption],
        ], cancellationToken).ConfigureAwait(false);
        if (!result.Ok)
        {
            return null;
        }
        var lines = result.Stdout.Split('\n');
        var fields = lines[0].Split('\t');
        if (fields.Length < 3 || fields[0] != session)
        {
            return null;
        }
        var command = lines.Length > 1 ? string.Join('\n', lines[1..]).TrimEnd('\n') : "";
        return new AgentSession(session, Empty(fields[1]), Empty(command), Empty(fields[2]));
    }

    /// <summary>Starts the session with the agent's command in its only pane, marked as the agent's; returns the pane id.</summary>
    public async Task<string> CreateAsync(AgentSessionSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        List<string> create = ["new-session", "-d", "-s", spec.Session, "-c", spec.Cwd, "-P", "-F", "#{pane_id}"];
        foreach (var (name, value) in spec.Environment)
        {
            create.AddRange(["-e", $"{name}={value}"]);
        }
        create.Add(spec.Command);
        // One invocation: the marks and remain-on-exit are set before the program can exit and take the
        // session with it; remain-on-exit keeps a finished program's pane (pane_dead) so it can be respawned.
        var result = await tmux.RunAsync([
            create,
            ["set-option", "-t", Exact(spec.Session), AgentSession.AgentOption, spec.Agent],
            ["set-option", "-t", Exact(spec.Session), AgentSession.CommandOption, spec.Command],
            ["set-option", "-w", "-t", Exact(spec.Session), "remain-on-exit", "on"],
        ], cancellationToken).ConfigureAwait(false);
        var paneId = result.Stdout.Trim();
        if (result.Ok && paneId.StartsWith('%'))
        {
            result = await tmux.RunAsync(["set-option", "-t", Exact(spec.Session), AgentSession.PaneOption, paneId], cancellationToken).ConfigureAwait(false);
        }
        if (!result.Ok || !paneId.StartsWith('%'))
        {
            // Never leave a half-made session behind: unmarked, a later start would refuse it as someone else's.
            if (paneId.StartsWith('%'))
            {
                await KillSessionAsync(spec.Session, cancellationToken).ConfigureAwait(false);
            }
            throw new MeshException(MeshErrorCode.InternalError, $"tmux could not create session '{spec.Session}' on {tmux.Socket}: {result.Reason}.");
        }
        return paneId;
    }

    /// <summary>Starts the command again in a pane whose program has exited.</summary>
    public Task RespawnAsync(string paneId, AgentSessionSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        List<string> respawn = ["respawn-pane", "-t", paneId, "-c", spec.Cwd];
        foreach (var (name, value) in spec.Environment)
        {
            respawn.AddRange(["-e", $"{name}={value}"]);
        }
        respawn.Add(spec.Command);
        return tmux.RunCheckedAsync([respawn], $"restart the program in pane {paneId}", cancellationToken);
    }

    public async Task<bool> KillSessionAsync(string session, CancellationToken cancellationToken) =>
        (await tmux.RunAsync(["kill-session", "-t", Exact(session)], cancellationToken).ConfigureAwait(false)).Ok;

    /// <summary>The pane, or null when it no longer exists.</summary>
    public async Task<PaneInfo?> DescribePaneAsync(string paneId, CancellationToken cancellationToken)
    {
        var result = await tmux.RunAsync(["display-message", "-p", "-t", paneId, "#{pane_id}\t#{pane_pid}\t#{pane_dead}\t#{pane_current_command}"],
            cancellationToken).ConfigureAwait(false);
        var fields = result.Stdout.TrimEnd('\n').Split('\t');
        // display-message prints an empty line (and succeeds) when the pane is gone: check the id came back.
        if (!result.Ok || fields.Length < 4 || fields[0] != paneId || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }
        return new PaneInfo(paneId, pid, fields[2] == "1", fields[3]);
    }

    /// <summary>
    /// One look at the pane for the idle rule, in one tmux round trip: the activity of every client attached
    /// to <paramref name="session"/>, the pane's state and cursor, and its visible text. Null when the pane is gone.
    /// </summary>
    public async Task<PaneObservation?> ObserveAsync(string session, string paneId, CancellationToken cancellationToken)
    {
        var result = await tmux.RunAsync([
            ["list-clients", "-t", Exact(session), "-F", "#{client_activity}"],
            ["display-message", "-p", "-t", paneId, $"{ObservationMarker}#{{pane_id}}|#{{pane_dead}}|#{{pane_in_mode}}|#{{cursor_x}},#{{cursor_y}}"],
            ["capture-pane", "-p", "-t", paneId],
        ], cancellationToken).ConfigureAwait(false);
        if (!result.Ok)
        {
            return null;
        }
        // Client lines first, then our marked line, then the screen (which may contain anything, so it comes last).
        var text = result.Stdout;
        var marker = text.IndexOf(ObservationMarker, StringComparison.Ordinal);
        if (marker < 0)
        {
            return null;
        }
        long? lastActivity = null;
        foreach (var line in text[..marker].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (long.TryParse(line, CultureInfo.InvariantCulture, out var seconds) && seconds > (lastActivity ?? 0))
            {
                lastActivity = seconds;
            }
        }
        var endOfLine = text.IndexOf('\n', marker);
        var state = text[(marker + ObservationMarker.Length)..(endOfLine < 0 ? text.Length : endOfLine)].Split('|');
        if (state.Length < 4 || state[0] != paneId)
        {
            return null;
        }
        var screen = state[3] + "\n" + (endOfLine < 0 ? "" : text[(endOfLine + 1)..]);
        // client_activity has one-second resolution: a key pressed "at second S" may have been pressed up to S+1.
        DateTimeOffset? lastInput = lastActivity is { } s ? DateTimeOffset.FromUnixTimeSeconds(s + 1) : null;
        return new PaneObservation(Running: state[1] != "1", InMode: state[2] == "1", screen, lastInput);
    }

    /// <summary>Types <paramref name="text"/> as literal keys (no key names, no Enter), in pieces tmux accepts.</summary>
    public async Task TypeLiteralAsync(string paneId, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var chunk in Chunks(text, ChunkChars))
        {
            await tmux.RunCheckedAsync([["send-keys", "-t", paneId, "-l", "--", chunk]], $"type into pane {paneId}", cancellationToken).ConfigureAwait(false);
        }
    }

    public Task PressEnterAsync(string paneId, CancellationToken cancellationToken) =>
        tmux.RunCheckedAsync([["send-keys", "-t", paneId, "Enter"]], $"press Enter in pane {paneId}", cancellationToken);

    /// <summary>Pieces of at most <paramref name="size"/> chars that never split a surrogate pair.</summary>
    internal static IEnumerable<string> Chunks(string text, int size)
    {
        var start = 0;
        while (start < text.Length)
        {
            var length = Math.Min(size, text.Length - start);
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--;
            }
            yield return text.Substring(start, length);
            start += length;
        }
    }

    /// <summary>
    /// An exact session target, <c>=name:</c>: without '=' tmux would also match a session whose name starts
    /// with it, and without the ':' commands that take a pane target do not read it as a session.
    /// </summary>
    public static string Exact(string session) => "=" + session + ":";

    private static string? Empty(string value) => value.Length == 0 ? null : value;
}
