using System.Diagnostics;

namespace AgentMesh.EndToEnd.Tests;

/// <summary>A command run to completion: stdin given and closed (when there is any), both output streams captured.</summary>
internal static class ChildProcess
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        ProcessStartInfo info, string? stdin, TimeSpan bound, CancellationToken cancellationToken)
    {
        info.UseShellExecute = false;
        info.RedirectStandardInput = stdin is not null;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}.");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(bound, cancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }
}
