using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization.Metadata;

namespace AgentMesh.Client;

/// <summary>Requests and query strings for the routes (<see cref="RoutePaths"/> spells the paths).</summary>
public sealed partial class MeshClient
{
    private string MeshPath(string suffix = "") => RoutePaths.Mesh(_options.Mesh, suffix);

    private string AgentPath(string agent, string suffix = "") => RoutePaths.Agent(_options.Mesh, agent, suffix);

    private static Func<HttpRequestMessage> Get(string path) => () => new HttpRequestMessage(HttpMethod.Get, path);

    private static Func<HttpRequestMessage> Delete(string path) => () => new HttpRequestMessage(HttpMethod.Delete, path);

    private static Func<HttpRequestMessage> Post(string path) => () => new HttpRequestMessage(HttpMethod.Post, path);

    private static Func<HttpRequestMessage> Post<T>(string path, T body, JsonTypeInfo<T> type) =>
        () => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, type) };

    private static Func<HttpRequestMessage> Put<T>(string path, T body, JsonTypeInfo<T> type) =>
        () => new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body, type) };

    /// <summary>Appends the pairs whose value is not null as a query string.</summary>
    private static string WithQuery(string path, params ReadOnlySpan<(string Name, object? Value)> pairs)
    {
        var builder = new StringBuilder(path);
        var separator = '?';
        foreach (var (name, value) in pairs)
        {
            if (value is null)
            {
                continue;
            }
            var text = value switch
            {
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            };
            builder.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(text));
            separator = '&';
        }
        return builder.ToString();
    }

    /// <summary>Seconds for <c>wait=</c> (the broker takes fractions), to the millisecond.</summary>
    internal static double WaitSeconds(TimeSpan wait) => wait <= TimeSpan.Zero ? 0 : Math.Round(wait.TotalSeconds, 3);
}
