using System.CommandLine;
using AgentMesh.ClaudeCode.Install;
using AgentMesh.Cli.Hosting;
using Spectre.Console;

namespace AgentMesh.Cli.Commands;

/// <summary>
/// <c>mesh install</c>: wires Claude Code to the mesh — hooks and statusLine in its settings, the <c>mesh</c> MCP
/// server in <c>.claude.json</c> — with backups, keeping every other setting; <c>mesh uninstall</c> takes it out.
/// </summary>
internal sealed class InstallCommand : DataCommand
{
    public InstallCommand(CliContext context, GlobalOptions globals)
        : base("install", "Connect Claude Code to the mesh: session hooks, the statusline and the mesh MCP server (undo with 'mesh uninstall').", context, globals)
    {
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh install",
        "CLAUDE_CONFIG_DIR=~/.claude-work mesh install",
        "mesh uninstall",
    ];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var installer = new ClaudeCodeInstaller(InstallPaths.Environment(Context));
        var commands = InstallPaths.Commands(Context);
        var result = await installer.InstallAsync(commands, cancellationToken);
        if (Json(parseResult))
        {
            WriteJson(result, InstallJsonContext.Default.InstallResult);
        }
        var human = Human(parseResult);
        human.MarkupLine(result.Changed ? "[green]Claude Code[/]: installed." : "Claude Code: already installed; nothing changed.");
        InstallPaths.WriteFiles(human, result);
        human.MarkupLine($"  [grey]Hooks run: {Markup.Escape(commands.Hook("<event>"))}. New Claude Code sessions pick them up.[/]");
        if (commands.HookProgram is null)
        {
            human.MarkupLine($"  [grey]Faster hooks: build {HookExecutable.FileName} into the folder of mesh and install again (docs/claude-code.md).[/]");
        }
        if (commands.RunsFromBuildOutput)
        {
            human.MarkupLine("  [yellow]That is a build output folder:[/] rebuilding keeps the hooks working, cleaning it breaks them. "
                + "Install the tool (README, Quick start) and run 'mesh install' again from it.");
        }
        if (result.CustomStatusLine is { } custom)
        {
            human.MarkupLine("  [yellow]Your own statusLine was left as it is.[/] To show the mesh line under it, set its command to:");
            human.WriteLine("    " + StatusLineChain.Command(custom, result.MeshStatusLine ?? commands.Statusline()), new Style(decoration: Decoration.None));
        }
        return ExitCodes.Ok;
    }
}
