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

    /// <summary>The hook and statusline command lines for the running mesh (see <see cref="Commands(McpServerCommand, string?)"/>).</summary>
    public static MeshCommandLine Commands(CliContext context) => Commands(ThisExecutable(context), System.Environment.ProcessPath);

    /// <summary>
    /// Through <c>mesh-hook</c> when it sits next to <paramref name="mesh"/> (next to mesh.dll when that runs through
    /// <c>dotnet</c>, else next to <paramref name="processPath"/>), through <c>mesh hook &lt;event&gt;</c> otherwise.
    /// </summary>
    public static MeshCommandLine Commands(McpServerCommand mesh, string? processPath)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        var program = mesh.Arguments is [var meshDll] ? meshDll : processPath;
        return new MeshCommandLine(mesh, HookExecutable.In(Path.GetDirectoryName(program)));
    }

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
