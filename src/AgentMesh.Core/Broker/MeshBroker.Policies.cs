using System.Collections.Concurrent;
using AgentMesh.Core.Addressing;
using AgentMesh.Core.Policies;
using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Messages;
using AgentMesh.Protocol.Policies;

namespace AgentMesh.Core.Broker;

/// <summary>
/// Agent policies: which control commands (<c>kind=command</c> messages such as <c>/compact</c>) other agents may
/// have typed into an agent's terminal. None by default. Policies are cached here; a send of a command is checked
/// against the recipient's policy (<see cref="CommandPolicy.Allows"/>), and whatever types it checks again.
/// </summary>
public sealed partial class MeshBroker
{
    public const int MaxAllowedCommands = 100;

    private readonly ConcurrentDictionary<string, StoredPolicy> _policies = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _policyWrites = new(1, 1);

    /// <summary>The policy of one agent (by name, id or folder name); the default allows no command.</summary>
    public AgentPolicy GetPolicy(string mesh, string agentRef) => PolicyOf(ResolveAgent(mesh, agentRef));

    /// <summary>Replaces the agent's allowed commands with <paramref name="request"/>'s list (empty allows none).</summary>
    public async Task<AgentPolicy> SavePolicyAsync(string mesh, string agentRef, SavePolicyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var agent = ResolveAgent(mesh, agentRef);
        var commands = RequireCommandNames(request.AllowedCommands);
        await _policyWrites.WaitAsync(cancellationToken);
        try
        {
            var policy = new StoredPolicy(agent.Id, commands, _time.GetUtcNow());
            await _store.SavePolicyAsync(policy, cancellationToken);
            _policies[agent.Id] = policy;
        }
        finally
        {
            _policyWrites.Release();
        }
        return PolicyOf(agent);
    }

    private async Task LoadPoliciesAsync(CancellationToken cancellationToken)
    {
        foreach (var policy in await _store.ListPoliciesAsync(cancellationToken))
        {
            _policies[policy.AgentId] = policy;
        }
    }

    private AgentPolicy PolicyOf(AgentInfo agent) => _policies.TryGetValue(agent.Id, out var stored)
        ? new AgentPolicy { Agent = agent.Name, AgentId = agent.Id, AllowedCommands = stored.AllowedCommands, UpdatedAt = stored.UpdatedAt }
        : new AgentPolicy { Agent = agent.Name, AgentId = agent.Id, AllowedCommands = [] };

    /// <summary>
    /// A command goes to one agent by name, id or folder name, is one well-formed command line, and is allowed by
    /// that agent's policy; returns the recipient.
    /// </summary>
    private AgentInfo RequireCommandRecipient(string mesh, AgentInfo sender, string to, SendMessageRequest request)
    {
        var command = ControlCommand.Parse(request.Body);
        var recipients = AddressResolver.Resolve(to, _agents.InMesh(mesh), sender.Id);
        if (recipients is not [var recipient])
        {
            throw new MeshException(MeshErrorCode.AgentNotFound, $"'{to}' reaches no agent in mesh '{mesh}'.");
        }
        var policy = PolicyOf(recipient);
        if (!CommandPolicy.Allows(policy, request.Body))
        {
            var allowed = policy.AllowedCommands.Count == 0 ? "none" : string.Join(", ", policy.AllowedCommands);
            throw new MeshException(MeshErrorCode.CommandNotAllowed,
                $"'{recipient.Name}' does not allow the control command {command} (allowed: {allowed}). "
                + $"To allow it: {CommandPolicy.HowToAllow(recipient.Name, command)}");
        }
        return recipient;
    }

    /// <summary>Refuses a command addressed to a group before anything else is looked at.</summary>
    private static void RequireOneAgentAddress(string to, bool broadcast)
    {
        if (broadcast || to == AddressResolver.Everyone || to.StartsWith(RoomPrefix, StringComparison.Ordinal) || to.StartsWith(RolePrefix, StringComparison.Ordinal))
        {
            throw new MeshException(MeshErrorCode.CommandToGroup,
                $"A control command goes to one agent by name, id or folder name; '{to}' is a group ({GroupKind(to, broadcast)}). Send it to each agent on its own.");
        }
    }

    private static string GroupKind(string to, bool broadcast) =>
        to == AddressResolver.Everyone ? "every agent"
        : to.StartsWith(RoomPrefix, StringComparison.Ordinal) ? "a room"
        : broadcast ? "a role broadcast" : "a role";

    private static List<string> RequireCommandNames(IReadOnlyList<string>? entries)
    {
        if (entries is null)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest,
                "Give allowed_commands, a list of command names such as [\"/compact\", \"/clear\"]; an empty list allows none.");
        }
        if (entries.Count > MaxAllowedCommands)
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, $"A policy allows at most {MaxAllowedCommands} commands; {entries.Count} were given.");
        }
        var names = new List<string>(entries.Count);
        foreach (var entry in entries)
        {
            var name = ControlCommand.NormalizeName(entry)
                ?? throw new MeshException(MeshErrorCode.InvalidRequest,
                    $"'{entry}' is not a command name: use '/' and 1 to {ControlCommand.MaxNameLength} characters of a-z, 0-9, '-', '_' or ':', as in '/compact'.");
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }
        return names;
    }
}
