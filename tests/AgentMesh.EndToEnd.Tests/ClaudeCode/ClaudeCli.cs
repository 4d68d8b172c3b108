using System.Diagnostics;
using AgentMesh.Testing;

namespace AgentMesh.EndToEnd.Tests.ClaudeCode;

/// <summary>
/// The real <c>claude</c> CLI (npm <c>@anthropic-ai/claude-code@2.1.330</c>): <c>$MESH_TEST_CLAUDE</c>, else the
/// copy <c>.ci/run</c> installs under <c>.tools/</c>. Runs it offline against a mock model, in a throwaway HOME.
/// </summary>
internal static class ClaudeCli
{
    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("MESH_TEST_CLAUDE");
        if (!string.IsNullOrEmpty(configured) && File.Exists(configured))
        {
            return configured;
        }
        var installed = Path.Combine(RepositoryRoot.Path, ".tools", "node_modules", ".bin", "claude");
        return File.Exists(installed) ? installed : null;
    }

    /// <summary>Runs claude in <paramref name="workingDirectory"/> (default: <paramref name="home"/>) with <paramref name="environment"/> added.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string claude, string home, Uri model, IReadOnlyList<string> arguments, CancellationToken cancellationToken,
        string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(claude)
        {
            WorkingDirectory = workingDirectory ?? home,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["HOME"] = home;
        info.Environment["ANTHROPIC_BASE_URL"] = model.ToString().TrimEnd('/');
        info.Environment["ANTHROPIC_API_KEY"] = "sk-ant-mock-key-for-tests-0123456789";
        info.Environment["DISABLE_AUTOUPDATER"] = "1";
        info.Environment["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1";
        info.Environment["CLAUDE_CODE_TMPDIR"] = Directory.CreateDirectory(Path.Combine(home, "tmp")).FullName;
        info.Environment.Remove("CLAUDECODE");
        info.Environment.Remove("MESH_AGENT");
        info.Environment.Remove("CLAUDE_CODE_SESSION_ID");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {claude}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(180));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException(
                $"claude {string.Join(' ', arguments)} ran for 180 s without exiting.\nstdout:\n{await stdout}\nstderr:\n{await stderr}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
