using System.Globalization;

namespace AgentMesh.LoadGen.Broker;

/// <summary>The unlabelled samples of the broker's Prometheus text, for before/after differences.</summary>
internal sealed class MetricsSnapshot(IReadOnlyDictionary<string, double> samples)
{
    public static readonly MetricsSnapshot Empty = new(new Dictionary<string, double>());

    public double this[string name] => samples.TryGetValue(name, out var value) ? value : 0;

    public static MetricsSnapshot Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#') || line.Contains('{'))
            {
                continue;
            }
            var space = line.LastIndexOf(' ');
            if (space > 0 && double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                samples[line[..space]] = value;
            }
        }
        return samples.Count == 0 ? Empty : new MetricsSnapshot(samples);
    }
}
