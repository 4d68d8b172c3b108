using System.Diagnostics;
using System.Text.RegularExpressions;
using AgentMesh.Client;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using AgentMesh.Terminal.Tmux;

namespace AgentMesh.Terminal.Agents;

/// <summary>
/// Start, stop and list tmux agents: a tmux session running the agent's program, the agent registered with
/// the pid of that program (so presence sees it die), and a detached daemon typing its messages in.
/// Starting again after a reboot or a daemon crash reuses the session and only starts what is missing.
/// </summary>
public sealed partial class TmuxAgents(TmuxSessions tmux, TmuxAgentFiles files, DaemonLauncher launchDaemon, TimeProvider time)
{
    /// <summary>How long a new daemon has to take its lock before start gives up on it.</summary>
    public static readonly TimeSpan DaemonStartTimeout = TimeSpan.FromSeconds(30);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SessionName();

    public TmuxAgentFiles Files => files;

    /// <summary><c>mesh-&lt;name&gt;</c>, with the dots tmux does not allow in session names made underscores.</summary>
    public static string DefaultSession(string agent) => "mesh-" + agent.Replace('.', '_');

    public async Task<TmuxAgentStarted> StartAsync(StartTmuxAgent request, MeshClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var name = Names.Require(request.Name, "agent");
        var remembered = files.Read(request.Mesh, name);
        var session = request.Session ?? remembered?.Session ?? DefaultSession(name);
        if (!SessionName().IsMatch(session))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"'{session}' cannot be a tmux session name here: use letters, digits, '_' or '-' (tmux reserves '.' and ':').");
        }
        var command = request.Command ?? remembered?.Command
            ?? throw new MeshException(MeshErrorCode.InvalidRequest, $"Say what to run: mesh agent start --name {name} --cli \"<command>\".");
        if (string.IsNullOrWhiteSpace(command))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, "--cli is empty; give the command line of the program to run, e.g. --cli \"claude\".");
        }
        var cwd = request.Cwd ?? remembered?.Cwd ?? request.DefaultCwd;
        if (!Directory.Exists(cwd))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"The folder {cwd} does not exist; pass an existing one with --cwd.");
        }
        if (remembered is not null && remembered.Session != session && await tmux.FindAsync(remembered.Session, cancellationToken).ConfigureAwait(false) is { } old && old.BelongsTo(name))
        {
            throw new MeshException(MeshErrorCode.Conflict,
                $"Agent {name} already runs in tmux session '{remembered.Session}'. Stop it first (mesh agent stop --name {name} --kill-session), or leave out --session.");
        }

        await tmux.Runner.VersionAsync(cancellationToken).ConfigureAwait(false);
        await client.EnsureBrokerAsync(cancellationToken).ConfigureAwait(false);

        var spec = new AgentSessionSpec { Session = session, Agent = name, Command = command, Cwd = cwd, Environment = request.Environment };
        var (paneId, created, respawned) = await OpenSessionAsync(spec, request.Command is not null, cancellationToken).ConfigureAwait(false);
        var pane = await tmux.DescribePaneAsync(paneId, cancellationToken).ConfigureAwait(false)
            ?? throw new MeshException(MeshErrorCode.Conflict, $"The program in tmux session '{session}' exited at once; run it by hand to see why: {command}");

        var agent = await client.RegisterAsync(new RegisterAgentRequest
        {
            Name = name,
            Kind = AgentKind.Tmux,
            Cwd = cwd,
            Host = request.Host,
            Pid = pane.Pid,
        }, cancellationToken).ConfigureAwait(false);

        var state = new TmuxAgentState
        {
            Name = name,
            Mesh = request.Mesh,
            Session = session,
            PaneId = paneId,
            Command = command,
            Cwd = cwd,
            TmuxSocket = tmux.Runner.Socket.Path ?? tmux.Runner.Socket.Name,
            DaemonPid = remembered?.DaemonPid,
            StartedAt = created || remembered is null ? time.GetUtcNow() : remembered.StartedAt,
        };
        var lockPath = files.LockPath(request.Mesh, name);
        var startDaemon = !DaemonLock.IsHeld(lockPath);
        files.Write(startDaemon ? state with { DaemonPid = null } : state);
        if (startDaemon)
        {
            state = state with { DaemonPid = await StartDaemonAsync(request.Mesh, name, cancellationToken).ConfigureAwait(false) };
            files.Write(state);
        }
        return new TmuxAgentStarted
        {
            State = state,
            AgentId = agent.Id,
            Pid = pane.Pid,
            CreatedSession = created,
            Respawned = respawned,
            StartedDaemon = startDaemon,
        };
    }

    /// <summary>Creates the session, or reuses it when it is this agent's and runs the same command.</summary>
    private async Task<(string PaneId, bool Created, bool Respawned)> OpenSessionAsync(
        AgentSessionSpec spec, bool commandGiven, CancellationToken cancellationToken)
    {
        var existing = await tmux.FindAsync(spec.Session, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return (await tmux.CreateAsync(spec, cancellationToken).ConfigureAwait(false), true, false);
        }
        if (!existing.BelongsTo(spec.Agent))
        {
            var what = existing.Agent is null ? "is not a mesh agent's session" : $"belongs to agent {existing.Agent}";
            throw new MeshException(MeshErrorCode.Conflict,
                $"tmux session '{spec.Session}' already exists and {what}. Pick another name with --session, or close that session.");
        }
        if (commandGiven && existing.Command != spec.Command)
        {
            throw new MeshException(MeshErrorCode.Conflict,
                $"tmux session '{spec.Session}' runs '{existing.Command}', not '{spec.Command}'. Start it without --cli to keep it, or replace it: mesh agent stop --name {spec.Agent} --kill-session, then start again.");
        }
        var pane = existing.PaneId is { } id ? await tmux.DescribePaneAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (pane is null)
        {
            throw new MeshException(MeshErrorCode.Conflict,
                $"tmux session '{spec.Session}' no longer has the agent's pane. Close it (mesh agent stop --name {spec.Agent} --kill-session) and start again.");
        }
        if (pane.Dead)
        {
            await tmux.RespawnAsync(pane.PaneId, spec with { Command = existing.Command ?? spec.Command }, cancellationToken).ConfigureAwait(false);
            return (pane.PaneId, false, true);
        }
        return (pane.PaneId, false, false);
    }

    /// <summary>Launches the daemon and waits until it holds its lock; a daemon that dies on the way is an error with its last log line.</summary>
    private async Task<int> StartDaemonAsync(string mesh, string name, CancellationToken cancellationToken)
    {
        files.EnsureFolder(mesh);
        var logPath = files.LogPath(mesh, name);
        using var process = launchDaemon(mesh, name, logPath);
        var deadline = time.GetUtcNow() + DaemonStartTimeout;
        while (!DaemonLock.IsHeld(files.LockPath(mesh, name)))
        {
            if (process.HasExited)
            {
                throw new MeshException(MeshErrorCode.InternalError, $"The delivery daemon for {name} exited as it started{LastLine(logPath)}. See {logPath}.");
            }
            if (time.GetUtcNow() > deadline)
            {
                throw new MeshException(MeshErrorCode.Timeout, $"The delivery daemon for {name} (pid {process.Id}) did not start within {DaemonStartTimeout.TotalSeconds:0} s; see {logPath}.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken).ConfigureAwait(false);
        }
        return process.Id;
    }

    /// <summary>Stops the daemon (SIGTERM, then SIGKILL), marks the agent offline, and with <paramref name="killSession"/> closes the session and forgets the agent.</summary>
    public async Task<TmuxAgentStopped> StopAsync(string mesh, string name, bool killSession, MeshClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var state = files.Require(mesh, name);
        var wasRunning = await StopDaemonAsync(state, cancellationToken).ConfigureAwait(false);
        string? problem = null;
        try
        {
            await client.UnregisterAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (MeshException e) when (e.Code is not MeshErrorCode.InvalidRequest)
        {
            problem = e.Message;
        }
        var killed = false;
        if (killSession)
        {
            if (await tmux.FindAsync(state.Session, cancellationToken).ConfigureAwait(false) is { } session && session.BelongsTo(name))
            {
                killed = await tmux.KillSessionAsync(state.Session, cancellationToken).ConfigureAwait(false);
            }
            files.Delete(mesh, name);
        }
        else
        {
            files.Write(state with { DaemonPid = null });
        }
        return new TmuxAgentStopped(wasRunning, problem is null, killed, problem);
    }

    private async Task<bool> StopDaemonAsync(TmuxAgentState state, CancellationToken cancellationToken)
    {
        var lockPath = files.LockPath(state.Mesh, state.Name);
        // Signal only a pid whose daemon provably runs (it holds the lock): after a reboot the pid may be someone else's.
        if (!DaemonLock.IsHeld(lockPath) || state.DaemonPid is not { } pid)
        {
            return false;
        }
        ProcessSignals.Terminate(pid);
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(10);
        while (DaemonLock.IsHeld(lockPath) && time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken).ConfigureAwait(false);
        }
        if (DaemonLock.IsHeld(lockPath))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException)
            {
                // already gone
            }
        }
        return true;
    }

    /// <summary>Every tmux agent of the mesh with its session, daemon and (when the broker answers) presence.</summary>
    public async Task<TmuxAgentList> ListAsync(string mesh, MeshClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        IReadOnlyList<AgentInfo>? known = null;
        try
        {
            known = await client.ListAgentsAsync(all: true, cancellationToken).ConfigureAwait(false);
        }
        catch (MeshException e) when (e.Code is MeshErrorCode.BrokerUnavailable or MeshErrorCode.Timeout)
        {
            // listed without presence
        }
        var listings = new List<TmuxAgentListing>();
        foreach (var state in files.List(mesh))
        {
            var session = await tmux.FindAsync(state.Session, cancellationToken).ConfigureAwait(false);
            var running = session?.BelongsTo(state.Name) == true;
            var pane = running ? await tmux.DescribePaneAsync(state.PaneId, cancellationToken).ConfigureAwait(false) : null;
            var agent = known?.FirstOrDefault(a => a.Name == state.Name);
            listings.Add(new TmuxAgentListing
            {
                Name = state.Name,
                Mesh = state.Mesh,
                Status = agent?.Status ?? (known is null ? "unknown" : AgentStatus.Offline),
                Session = state.Session,
                SessionRunning = running,
                Pid = pane is { Dead: false } ? pane.Pid : null,
                DaemonPid = DaemonLock.IsHeld(files.LockPath(mesh, state.Name)) ? state.DaemonPid : null,
                Command = state.Command,
                Cwd = state.Cwd,
                Unread = agent?.Unread,
            });
        }
        return new TmuxAgentList(listings);
    }

    private static string LastLine(string path)
    {
        try
        {
            var last = File.ReadLines(path).LastOrDefault(line => !string.IsNullOrWhiteSpace(line));
            return last is null ? "" : $": {last.Trim().TrimEnd('.')}";
        }
        catch (IOException)
        {
            return "";
        }
    }
}
