using System.Diagnostics;
using AgentMesh.Testing;

namespace AgentMesh.ClaudeCode.Tests.Hooks;

/// <summary>What a hook process printed and exited with.</summary>
internal sealed record ProcessRun(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs a hook or the statusline as the real process Claude Code starts: <c>mesh hook &lt;event&gt;</c> /
/// <c>mesh statusline</c> (mesh.dll) or <c>mesh-hook &lt;event&gt;</c> (mesh-hook.dll, the framework-dependent build
/// of the executable that benchmarks/hook-latency publishes self-contained), through the test's dotnet host.
/// </summary>
internal static class HookProcess
{
    public const string Mesh = "mesh";
    public const string MeshHook = "mesh-hook";

    public static IReadOnlyList<string> Programs { get; } = [Mesh, MeshHook];

    /// <summary>Runs <paramref name="command"/> (a hook event or <c>statusline</c>) with <c>MESH_HOME</c> and <paramref name="variables"/> set.</summary>
    public static async Task<ProcessRun> RunAsync(string program, string meshHome, string command, string stdin, IReadOnlyDictionary<string, string>? variables = null)
    {
        var info = new ProcessStartInfo(MeshExecutable.DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (program == MeshHook)
        {
            info.ArgumentList.Add(MeshExecutable.MeshHookDll());
        }
        else
        {
            info.ArgumentList.Add(MeshExecutable.MeshDll());
            if (command != ClaudeCodeCommand.Statusline)
            {
                info.ArgumentList.Add("hook");
            }
        }
        info.ArgumentList.Add(command);
        info.Environment["MESH_HOME"] = meshHome;
        info.Environment.Remove("MESH_URL");
        info.Environment.Remove("MESH_MESH");
        info.Environment.Remove("MESH_AGENT");
        info.Environment.Remove("MESH_DEBUG");
        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info)!; // Process.Start with a file name never returns null
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        return new ProcessRun(process.ExitCode, await stdout, await stderr);
    }
}
