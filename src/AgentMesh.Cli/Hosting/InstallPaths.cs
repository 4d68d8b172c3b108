using System.Reflection;
using AgentMesh.ClaudeCode.Install;
using AgentMesh.Setup;
using Spectre.Console;

namespace AgentMesh.Cli.Hosting;

/// <summary>What <c>mesh install</c> and <c>mesh uninstall</c> share: where the files are, how mesh is spelled in them, how results print.</summary>
internal static class InstallPaths
{
    public static SetupEnvironment Environment(CliContext context) => new()
    {
        HomeDirectory = context.Variables("HOME") is { Length: > 0 } home ? home : System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile),
        ProjectDirectory = context.CurrentDirectory,
        Variables = context.Variables,
    };

    /// <summary>The running mesh, as Claude Code should run it later (see <see cref="McpServerCommand.ForExecutable"/>).</summary>
    public static McpServerCommand ThisExecutable(CliContext context) =>
        System.Environment.ProcessPath is { } processPath
            ? McpServerCommand.ForExecutable(processPath, Assembly.GetEntryAssembly()?.Location, context.Variables("PATH"))
            : McpServerCommand.OnPath;

    public static void WriteFiles(IAnsiConsole human, InstallResult result)
    {
        foreach (var file in result.Files)
        {
            var note = file.BackupPath is { } backup ? $" (backup: {Markup.Escape(backup)})"
                : file.RestoredExactly ? " (restored byte for byte)"
                : "";
            human.MarkupLine($"  {Markup.Escape(file.Outcome.ToString().ToLowerInvariant()),-10} {Markup.Escape(file.Path)}{note}");
        }
    }
}
