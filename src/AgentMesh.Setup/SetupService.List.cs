using AgentMesh.Protocol.Errors;
using AgentMesh.Setup.Clients;
using AgentMesh.Setup.Files;
using AgentMesh.Setup.Instructions;
using AgentMesh.Setup.Servers;

namespace AgentMesh.Setup;

public sealed partial class SetupService
{
    /// <summary>
    /// For every client and scope: is the mesh server configured, in which file, and are the instructions in
    /// place. Reads only; a file that does not parse is reported in <see cref="SetupListingEntry.Problem"/>.
    /// </summary>
    public async Task<SetupListing> ListAsync(CancellationToken cancellationToken = default)
    {
        var entries = new List<SetupListingEntry>();
        foreach (var client in SetupClients.All)
        {
            foreach (var scope in (SetupScope[])[SetupScope.User, SetupScope.Project])
            {
                entries.Add(await InspectAsync(client, scope, cancellationToken));
            }
        }
        return new SetupListing(entries);
    }

    private async Task<SetupListingEntry> InspectAsync(SetupClient client, SetupScope scope, CancellationToken cancellationToken)
    {
        if (client.Locate(environment, scope) is not { } files)
        {
            return new SetupListingEntry(client.Name, scope, false, null, false, null, null, null, false, client.Unsupported?.Invoke(scope));
        }
        string? problem = null;
        var state = ServerEntryState.Missing;
        try
        {
            if ((await SetupFileSystem.ReadAsync(files.ConfigPath, cancellationToken)).Text is { } text)
            {
                state = client.Format.Inspect(files.ConfigPath, text);
            }
        }
        catch (MeshException ex)
        {
            problem = ex.Message;
        }
        var installed = false;
        if (files.Instructions is { } instructions)
        {
            try
            {
                installed = (await SetupFileSystem.ReadAsync(instructions.Path, cancellationToken)).Text is { } text
                    && MarkedBlock.Find(instructions.Path, text) is not null;
            }
            catch (MeshException ex)
            {
                problem ??= ex.Message;
            }
        }
        return new SetupListingEntry(client.Name, scope, true, files.ConfigPath, state.Configured, state.CommandLine, state.AgentName,
            files.Instructions?.Path, installed, problem);
    }
}
