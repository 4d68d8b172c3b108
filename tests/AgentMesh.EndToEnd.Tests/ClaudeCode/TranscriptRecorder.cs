using System.Text.Json;
using System.Text.RegularExpressions;

namespace AgentMesh.EndToEnd.Tests.ClaudeCode;

/// <summary>
/// Runs the real <c>claude -p</c> for one or more prompts of one session (the second and later with
/// <c>--resume</c>) and returns the transcript it wrote under <c>$HOME/.claude/projects/…/SESSION.jsonl</c>.
/// </summary>
internal static partial class TranscriptRecorder
{
    /// <summary>Where a scrubbed recording says the session ran, instead of the test's temp folder.</summary>
    public const string ScrubbedFolder = "/home/dev/project";

    public static async Task<string> RecordAsync(string claude, string home, Uri model, IReadOnlyList<string> prompts, CancellationToken cancellationToken)
    {
        string? session = null;
        foreach (var prompt in prompts)
        {
            List<string> arguments = ["-p", "--output-format", "stream-json", "--verbose", "--permission-mode", "dontAsk",
                "--allowedTools", "Bash,Read,Write", "--strict-mcp-config"];
            if (session is not null)
            {
                arguments.AddRange(["--resume", session]);
            }
            arguments.AddRange(["--", prompt]);
            var run = await ClaudeCli.RunAsync(claude, home, model, arguments, cancellationToken);
            if (run.ExitCode != 0)
            {
                throw new InvalidOperationException($"claude exited {run.ExitCode}: {run.Stderr}\n{run.Stdout}");
            }
            session ??= SessionId(run.Stdout);
        }
        var transcript = Directory.GetFiles(Path.Combine(home, ".claude", "projects"), $"{session}.jsonl", SearchOption.AllDirectories);
        return transcript.Length == 1
            ? transcript[0]
            : throw new InvalidOperationException($"expected one transcript for session {session}, found {transcript.Length}");
    }

    /// <summary>The transcript with the test's folder and the machine's OS version taken out, fit to commit.</summary>
    public static string Scrub(string transcript, string home)
    {
        var encoded = NonAlphanumeric().Replace(home, "-");
        return OsVersion().Replace(
            transcript.Replace(home, ScrubbedFolder, StringComparison.Ordinal)
                .Replace(encoded, NonAlphanumeric().Replace(ScrubbedFolder, "-"), StringComparison.Ordinal),
            "${key}Linux");
    }

    private static string SessionId(string streamJson)
    {
        foreach (var line in streamJson.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.TryGetProperty("session_id", out var id) && id.GetString() is { Length: > 0 } session)
            {
                return session;
            }
        }
        throw new InvalidOperationException("claude printed no session_id:\n" + streamJson);
    }

    [GeneratedRegex("[^A-Za-z0-9]")]
    private static partial Regex NonAlphanumeric();

    [GeneratedRegex(@"(?<key>""osVersion"":""|OS Version: )Linux [^""\\]*")]
    private static partial Regex OsVersion();
}
