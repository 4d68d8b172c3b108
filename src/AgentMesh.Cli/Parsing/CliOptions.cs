using System.CommandLine;

namespace AgentMesh.Cli.Parsing;

/// <summary>Options whose values need parsing: durations and comma-separated lists.</summary>
internal static class CliOptions
{
    /// <summary>A duration option (<c>30s</c>, <c>5m</c>, …); a value that is not one is a usage error.</summary>
    public static Option<TimeSpan?> Duration(string name, string description, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            HelpName = "duration",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
                if (Parsing.Duration.TryParse(text, out var value))
                {
                    return value;
                }
                result.AddError($"'{text}' is not a duration; write it like {Parsing.Duration.Examples}.");
                return default;
            },
        };

    /// <summary>A list option: <c>--x a,b,c</c>, <c>--x a --x b</c>, or both; blanks dropped.</summary>
    public static Option<string[]> List(string name, string description, string helpName) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            AllowMultipleArgumentsPerToken = false,
            CustomParser = result => [.. result.Tokens
                .SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))],
        };
}
