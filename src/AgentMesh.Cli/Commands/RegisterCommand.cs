using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Protocol.Agents;
using Spectre.Console;

namespace AgentMesh.Cli.Commands;

/// <summary><c>mesh register NAME</c>: adds an agent to the mesh, or refreshes it (same name keeps its id).</summary>
internal sealed class RegisterCommand : DataCommand
{
    private readonly Argument<string> _name = new("name") { Description = "The agent's name: lower-case letters, digits, '.', '_' or '-'" };
    private readonly Option<string?> _kind = new("--kind") { Description = $"What runs the agent: {string.Join(", ", AgentKind.All)}", HelpName = "kind" };
    private readonly Option<string?> _cwd = new("--cwd") { Description = "The agent's folder; others can address it by the folder's name (default: the current folder)", HelpName = "dir" };
    private readonly Option<int?> _pid = new("--pid") { Description = "The agent's process id; the agent goes offline as soon as it exits", HelpName = "pid" };
    private readonly Option<string?> _transcript = new("--transcript") { Description = "The agent's session transcript (a Claude Code .jsonl file), for 'mesh transcript'", HelpName = "file" };

    public RegisterCommand(CliContext context, GlobalOptions globals)
        : base("register", "Register an agent in the mesh, or refresh it: the same name keeps its id.", context, globals)
    {
        Add(_name);
        Add(_kind);
        Add(_cwd);
        Add(_pid);
        Add(_transcript);
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh register alice",
        "mesh register reviewer --kind claude-code --cwd ~/src/api",
        "export MESH_AGENT=alice   # then --as is not needed",
    ];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var cwd = parseResult.GetValue(_cwd) is { Length: > 0 } given ? Path.GetFullPath(given, Context.CurrentDirectory) : Context.CurrentDirectory;
        using var client = CreateClient(parseResult);
        var agent = await client.RegisterAsync(new RegisterAgentRequest
        {
            Name = parseResult.GetRequiredValue(_name),
            Kind = parseResult.GetValue(_kind),
            Cwd = cwd,
            Host = Context.MachineName,
            Pid = parseResult.GetValue(_pid),
            TranscriptPath = parseResult.GetValue(_transcript) is { Length: > 0 } transcript ? Path.GetFullPath(transcript, Context.CurrentDirectory) : null,
        }, cancellationToken);
        if (Json(parseResult))
        {
            WriteJson(agent, Indented.AgentInfo);
            return ExitCodes.Ok;
        }
        var human = Human(parseResult);
        human.MarkupLine($"Registered [bold]{Markup.Escape(agent.Name)}[/] (id {Markup.Escape(agent.Id)}) in mesh {Markup.Escape(agent.Mesh)}.");
        human.MarkupLine($"[grey]Act as it with --as {Markup.Escape(agent.Name)}, or export {CliContext.AgentVariable}={Markup.Escape(agent.Name)}.[/]");
        return ExitCodes.Ok;
    }
}
