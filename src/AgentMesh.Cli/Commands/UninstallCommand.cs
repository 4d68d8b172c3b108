using System.CommandLine;
using AgentMesh.ClaudeCode.Install;
using AgentMesh.Cli.Hosting;
using Spectre.Console;

namespace AgentMesh.Cli.Commands;

/// <summary><c>mesh uninstall</c>: takes out what <c>mesh install</c> added, putting back what each file had before.</summary>
internal sealed class UninstallCommand : DataCommand
{
    public UninstallCommand(CliContext context, GlobalOptions globals)
        : base("uninstall", "Take the mesh out of Claude Code's settings again, restoring what 'mesh install' changed.", context, globals)
    {
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh uninstall",
        "CLAUDE_CONFIG_DIR=~/.claude-work mesh uninstall --json",
    ];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var result = await new ClaudeCodeInstaller(InstallPaths.Environment(Context)).UninstallAsync(InstallPaths.ThisExecutable(Context), cancellationToken);
        if (Json(parseResult))
        {
            WriteJson(result, InstallJsonContext.Default.InstallResult);
        }
        var human = Human(parseResult);
        human.MarkupLine(result.Changed ? "[green]Claude Code[/]: uninstalled." : "Claude Code: nothing of the mesh's was installed; nothing changed.");
        InstallPaths.WriteFiles(human, result);
        return ExitCodes.Ok;
    }
}
