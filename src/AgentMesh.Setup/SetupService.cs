using AgentMesh.Protocol;
using AgentMesh.Setup.Clients;
using AgentMesh.Setup.Files;
using AgentMesh.Setup.Servers;

namespace AgentMesh.Setup;

/// <summary>
/// <c>mesh setup</c>: adds the mesh MCP server (and a short instructions file) to a coding agent's own
/// configuration, takes it out again, and lists what is configured where.
/// <list type="bullet">
/// <item>Idempotent: a second run finds everything in place and writes nothing.</item>
/// <item>All or nothing up front: every file is read and edited in memory first, so a file that does not
/// parse (or that changes underneath us) stops the run before anything is written.</item>
/// <item>A file holding anything of the user's is copied to <c>&lt;file&gt;.mesh-backup</c> before our first
/// change to it, once; the backup is never overwritten.</item>
/// <item>Removal deletes a file only when nothing but ours was in it.</item>
/// </list>
/// </summary>
public sealed partial class SetupService(SetupEnvironment environment)
{
    /// <summary>The clients <c>mesh setup</c> accepts, in display order.</summary>
    public static IReadOnlyList<SetupClientInfo> Clients { get; } =
        [.. SetupClients.All.Select(client => new SetupClientInfo(client.Name, client.DisplayName, client.Scopes))];

    // The broker's rule for agent names (AgentMesh.Core.Identity.Names), repeated so setup does not depend on Core.

    /// <summary>Adds or updates the mesh server entry and the instructions for <see cref="SetupRequest.Client"/>.</summary>
    /// <exception cref="Protocol.Errors.MeshException"><c>invalid_request</c> for an unknown client, scope or name;
    /// <c>conflict</c> for a file that cannot be parsed or edited safely. Nothing is written then.</exception>
    public async Task<SetupResult> ApplyAsync(SetupRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Command);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Command.Command);
        if (request.AgentName is { } name && !Names.IsValid(name))
        {
            throw SetupErrors.InvalidRequest(
                $"'{name}' is not a valid agent name: use 1-63 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        var (client, files) = Resolve(request.Client, request.Scope);
        var entry = McpServerEntry.For(request.Command, request.AgentName);
        var plans = new List<FilePlan>
        {
            await FilePlan.ForApplyAsync(files.ConfigPath, SetupFileKind.Config, client.Format.Editor(files.ConfigPath, entry), ConfigCreation(request.Scope), cancellationToken),
        };
        if (files.Instructions is { } instructions)
        {
            plans.Add(await FilePlan.ForApplyAsync(instructions.Path, SetupFileKind.Instructions, client.InstructionsEditor(instructions), InstructionsCreation(request.Scope), cancellationToken));
        }
        return new SetupResult
        {
            Client = client.Name,
            Scope = request.Scope,
            Action = SetupAction.Apply,
            AgentName = request.AgentName,
            Files = await FilePlan.ExecuteAsync(plans, cancellationToken),
            Notes = files.Notes,
        };
    }

    /// <summary>Takes out exactly our server entry and our instructions block, leaving everything else as it was.</summary>
    public async Task<SetupResult> RemoveAsync(string client, SetupScope scope, CancellationToken cancellationToken = default)
    {
        var (found, files) = Resolve(client, scope);
        var plans = new List<FilePlan>
        {
            await FilePlan.ForRemoveAsync(files.ConfigPath, SetupFileKind.Config, found.Format.Editor(files.ConfigPath, McpServerEntry.ForRemoval), ConfigCreation(scope), cancellationToken),
        };
        if (files.Instructions is { } instructions)
        {
            plans.Add(await FilePlan.ForRemoveAsync(instructions.Path, SetupFileKind.Instructions, found.InstructionsEditor(instructions), InstructionsCreation(scope), cancellationToken));
        }
        return new SetupResult
        {
            Client = found.Name,
            Scope = scope,
            Action = SetupAction.Remove,
            Files = await FilePlan.ExecuteAsync(plans, cancellationToken),
            Notes = [],
        };
    }

    private static FileCreation ConfigCreation(SetupScope scope) => scope == SetupScope.User ? FileCreation.UserConfig : FileCreation.Shared;

    private static FileCreation InstructionsCreation(SetupScope scope) => scope == SetupScope.User ? FileCreation.UserInstructions : FileCreation.Shared;

    private (SetupClient Client, ClientFiles Files) Resolve(string name, SetupScope scope)
    {
        var client = SetupClients.Find(name);
        if (!Enum.IsDefined(scope))
        {
            throw SetupErrors.InvalidRequest($"Unknown scope '{scope}'. Use user or project.");
        }
        var files = client.Locate(environment, scope)
            ?? throw SetupErrors.InvalidRequest(client.Unsupported?.Invoke(scope) ?? $"{client.DisplayName} has no {scope.ToString().ToLowerInvariant()}-scope configuration.");
        return (client, files);
    }
}

/// <summary>A client <c>mesh setup</c> accepts, and the scopes it supports.</summary>
public sealed record SetupClientInfo(string Name, string DisplayName, IReadOnlyList<SetupScope> Scopes);
