using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentMesh.Cli.Parsing;

/// <summary>
/// Durations as people type them: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>1m30s</c>, <c>1.5s</c>,
/// or a bare number of seconds.
/// </summary>
internal static partial class Duration
{
    public const string Examples = "500ms, 30s, 5m, 1h, 1m30s";

    [GeneratedRegex(@"\G(?<n>\d+(?:\.\d+)?)(?<unit>ms|s|m|h|d)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        text = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var bare))
        {
            value = TimeSpan.FromSeconds(bare);
            return true;
        }
        var position = 0;
        var total = 0.0;
        for (var match = Part().Match(text); match.Success && match.Index == position; match = match.NextMatch())
        {
            var amount = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            total += match.Groups["unit"].Value switch
            {
                "ms" => amount / 1000,
                "s" => amount,
                "m" => amount * 60,
                "h" => amount * 3600,
                _ => amount * 86400,
            };
            position += match.Length;
        }
        if (position != text.Length || total > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }
        value = TimeSpan.FromSeconds(total);
        return true;
    }

    /// <summary>The short form for messages: <c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>500ms</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.FromSeconds(1))
        {
            return $"{(int)value.TotalMilliseconds}ms";
        }
        var parts = new List<string>(3);
        if (value.TotalHours >= 1)
        {
            parts.Add($"{(int)value.TotalHours}h");
        }
        if (value.Minutes > 0)
        {
            parts.Add($"{value.Minutes}m");
        }
        if (value.Seconds > 0 || parts.Count == 0)
        {
            parts.Add($"{value.Seconds}s");
        }
        return string.Concat(parts);
    }
}
