using System.CommandLine;
using System.Reflection;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Rendering;
using AgentMesh.Protocol.Errors;
using AgentMesh.Setup;
using Spectre.Console;

namespace AgentMesh.Cli.Commands;

/// <summary>
/// <c>mesh setup CLIENT</c>: wires a coding agent's MCP configuration (and instructions file) to <c>mesh mcp</c>.
/// Changes no file it cannot parse, backs each file up before its first change, and is idempotent.
/// </summary>
internal sealed class SetupCommand : DataCommand
{
    private readonly Argument<string?> _client = new("client")
    {
        Description = $"The coding agent to configure: {string.Join(", ", SetupService.Clients.Select(c => c.Name))}",
        Arity = ArgumentArity.ZeroOrOne,
    };
    private readonly Option<SetupScope> _scope = new("--scope")
    {
        Description = "user: every project of this user; project: this folder only",
        DefaultValueFactory = _ => SetupScope.User,
    };
    private readonly Option<string?> _name = new("--name") { Description = "The agent name the client registers as (default: its folder name)", HelpName = "agent" };
    private readonly Option<bool> _remove = new("--remove") { Description = "Remove what setup added, and nothing else" };
    private readonly Option<bool> _list = new("--list") { Description = "Show which clients are configured, and where" };

    public SetupCommand(CliContext context, GlobalOptions globals)
        : base("setup", "Connect a coding agent (Claude Code, Cursor, VS Code, Windsurf, Codex, Gemini, Kiro) to the mesh over MCP.", context, globals)
    {
        Add(_client);
        Add(_scope);
        Add(_name);
        Add(_remove);
        Add(_list);
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh setup claude-code",
        "mesh setup cursor --scope project --name frontend",
        "mesh setup codex --remove",
        "mesh setup --list",
    ];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var service = new SetupService(new SetupEnvironment
        {
            HomeDirectory = Context.Variables("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            ProjectDirectory = Context.CurrentDirectory,
            Variables = Context.Variables,
        });
        if (parseResult.GetValue(_list))
        {
            var listing = await service.ListAsync(cancellationToken);
            if (Json(parseResult))
            {
                WriteJson(listing, SetupJsonContext.Default.SetupListing);
                return ExitCodes.Ok;
            }
            Human(parseResult).Write(SetupTable.Create(listing));
            return ExitCodes.Ok;
        }

        var client = parseResult.GetValue(_client)
            ?? throw new MeshException(MeshErrorCode.InvalidRequest,
                $"Name a client ({string.Join(", ", SetupService.Clients.Select(c => c.Name))}), or use --list to see what is configured.");
        var result = parseResult.GetValue(_remove)
            ? await service.RemoveAsync(client, parseResult.GetValue(_scope), cancellationToken)
            : await service.ApplyAsync(new SetupRequest
            {
                Client = client,
                Scope = parseResult.GetValue(_scope),
                AgentName = parseResult.GetValue(_name),
                Command = ThisExecutable(),
            }, cancellationToken);
        if (Json(parseResult))
        {
            WriteJson(result, SetupJsonContext.Default.SetupResult);
            return ExitCodes.Ok;
        }
        var human = Human(parseResult);
        human.MarkupLine(result.Changed
            ? $"[green]{Markup.Escape(client)}[/]: done."
            : $"{Markup.Escape(client)}: already as asked; nothing changed.");
        foreach (var file in result.Files)
        {
            var backup = file.BackupPath is { } path ? $" (backup: {Markup.Escape(path)})" : "";
            human.MarkupLine($"  {Markup.Escape(file.Outcome.ToString().ToLowerInvariant()),-10} {Markup.Escape(file.Path)}{backup}");
        }
        foreach (var note in result.Notes)
        {
            human.MarkupLine($"  [grey]{Markup.Escape(note)}[/]");
        }
        return ExitCodes.Ok;
    }

    private McpServerCommand ThisExecutable() =>
        Environment.ProcessPath is { } processPath
            ? McpServerCommand.ForExecutable(processPath, Assembly.GetEntryAssembly()?.Location, Context.Variables("PATH"))
            : McpServerCommand.OnPath;
}
