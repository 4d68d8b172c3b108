namespace AgentMesh.Terminal.Pty;

/// <summary>What to run in a new pseudo-terminal.</summary>
public sealed record PtyStartInfo
{
    /// <summary>The program's full path (see <see cref="ProgramPath"/>).</summary>
    public required string Program { get; init; }

    /// <summary>The arguments after argv[0], passed as they are (no shell in between).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The child's whole environment.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public WindowSize Size { get; init; } = WindowSize.Default;

    /// <summary>The child's working directory; the caller's when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>This process's environment, with <paramref name="overrides"/> applied (a null value removes a variable).</summary>
    public static Dictionary<string, string> CurrentEnvironment(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                environment[key] = value;
            }
        }
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                environment.Remove(key);
            }
            else
            {
                environment[key] = value;
            }
        }
        return environment;
    }
}
