using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Client;
using AgentMesh.Protocol.Errors;
using Spectre.Console;

namespace AgentMesh.Cli.Commands;

/// <summary>
/// A <c>mesh</c> subcommand. Its action runs <see cref="ExecuteAsync"/> and is the CLI's one place where
/// failures become exit codes: a <see cref="MeshException"/> prints its message as one line on stderr.
/// </summary>
internal abstract class MeshCommand : Command
{
    public const string DebugVariable = "MESH_DEBUG";

    protected MeshCommand(string name, string description, CliContext context, GlobalOptions globals)
        : base(name, description)
    {
        Context = context;
        Globals = globals;
        SetAction(InvokeAsync);
    }

    protected CliContext Context { get; }
    protected GlobalOptions Globals { get; }

    /// <summary>Shown under "Examples:" in <c>--help</c>.</summary>
    public abstract IReadOnlyList<string> Examples { get; }

    protected abstract Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken);

    protected string MeshName(ParseResult parseResult) =>
        parseResult.GetValue(Globals.Mesh) is { Length: > 0 } mesh ? mesh : MeshClientOptions.MeshFrom(Context.Variables);

    private async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteAsync(parseResult, cancellationToken);
        }
        catch (MeshException e)
        {
            Context.WriteError(e.Message);
            return ExitCodes.For(e.Code);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Cancelled;
        }
        catch (IOException e)
        {
            Context.WriteError($"{Name}: {e.Message}");
            return ExitCodes.Error;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug, not a situation the user can fix: say so in one line; the stack trace only on request.
            Context.WriteError($"'mesh {Name}' failed unexpectedly ({e.GetType().Name}: {e.Message}). Set {DebugVariable}=1 for the stack trace, and please report it.");
            if (!string.IsNullOrEmpty(Context.Variables(DebugVariable)))
            {
                Context.Error.Write(new Text(e.ToString() + "\n"));
            }
            return ExitCodes.Error;
        }
    }
}
