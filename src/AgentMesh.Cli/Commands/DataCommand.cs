using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AgentMesh.Cli.Hosting;
using AgentMesh.Client;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Errors;
using Spectre.Console;

namespace AgentMesh.Cli.Commands;

/// <summary>
/// A command that talks to the broker and prints data. <c>--json</c> puts the wire JSON on stdout and moves
/// every human line to stderr, so stdout stays parseable.
/// </summary>
internal abstract class DataCommand : MeshCommand
{
    private static readonly MeshJsonContext _indented = new(new JsonSerializerOptions(MeshJsonContext.Default.Options) { WriteIndented = true });

    protected DataCommand(string name, string description, CliContext context, GlobalOptions globals)
        : base(name, description, context, globals)
    {
        Add(JsonOption);
    }

    protected Option<bool> JsonOption { get; } = new("--json") { Description = "Print the result as JSON on stdout (human text goes to stderr)" };

    /// <summary>Pre-indented type info for <c>--json</c>; pass e.g. <c>Indented.AgentList</c>.</summary>
    protected static MeshJsonContext Indented => _indented;

    protected bool Json(ParseResult parseResult) => parseResult.GetValue(JsonOption);

    /// <summary>Where human text goes: stdout normally, stderr under <c>--json</c>.</summary>
    protected IAnsiConsole Human(ParseResult parseResult) => Json(parseResult) ? Context.Error : Context.Out;

    protected void WriteJson<T>(T value, JsonTypeInfo<T> type)
    {
        Context.Stdout.WriteLine(JsonSerializer.Serialize(value, type));
        Context.Stdout.Flush();
    }

    /// <summary>The result as JSON under <c>--json</c>; otherwise as <paramref name="writeHuman"/> renders it for people.</summary>
    protected int Output<T>(ParseResult parseResult, T value, JsonTypeInfo<T> type, Action<IAnsiConsole> writeHuman)
    {
        if (Json(parseResult))
        {
            WriteJson(value, type);
        }
        else
        {
            writeHuman(Human(parseResult));
        }
        return ExitCodes.Ok;
    }

    protected MeshClient CreateClient(ParseResult parseResult, bool autostart = true) =>
        Context.CreateClient(MeshName(parseResult), autostart);

    /// <summary>An <c>--as NAME</c> option, defaulting to <c>$MESH_AGENT</c>.</summary>
    protected static Option<string?> CreateAsOption(string description = "The agent acting (default: $MESH_AGENT)") =>
        new("--as") { Description = description, HelpName = "name" };

    /// <summary>The acting agent from <c>--as</c> or <c>$MESH_AGENT</c>; missing is a usage error.</summary>
    protected string ActingAgent(ParseResult parseResult, Option<string?> asOption) =>
        OptionalAgent(parseResult, asOption)
        ?? throw new MeshException(MeshErrorCode.InvalidRequest,
            $"No agent given: pass --as NAME or set {CliContext.AgentVariable} (register one with 'mesh register NAME').");

    protected string? OptionalAgent(ParseResult parseResult, Option<string?> asOption) =>
        parseResult.GetValue(asOption) is { Length: > 0 } name ? name
        : Context.Variables(CliContext.AgentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : null;

    protected static Option<int?> CreateLimitOption(string description) =>
        new("--limit", "-n") { Description = description, HelpName = "count" };

    /// <summary>The words joined, or all of stdin for a lone '-'.</summary>
    protected async Task<string> ReadBodyAsync(string[] words, CancellationToken cancellationToken)
    {
        string body;
        if (words is ["-"])
        {
            if (Context.IsInteractive)
            {
                Context.Error.MarkupLine("[grey]Reading the message from stdin; end it with Ctrl+D.[/]");
            }
            body = await Context.Stdin.ReadToEndAsync(cancellationToken);
        }
        else
        {
            body = string.Join(' ', words);
        }
        return string.IsNullOrWhiteSpace(body)
            ? throw new MeshException(MeshErrorCode.InvalidRequest, "The message is empty: give it as arguments, or pipe it in with '-'.")
            : body;
    }
}
