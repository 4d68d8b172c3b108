using System.Diagnostics;
using AgentMesh.LoadGen.Broker;
using AgentMesh.LoadGen.Measurement;
using AgentMesh.LoadGen.Reporting;
using ModelContextProtocol.Client;

namespace AgentMesh.LoadGen.Scenarios;

/// <summary>
/// What a coding agent pays per mesh tool call: a real <c>mesh mcp</c> process on stdio, driven by the MCP
/// SDK's own client, calling <c>send</c> and <c>inbox</c> one at a time (tool call → result, round trip).
/// </summary>
internal sealed class McpRoundTripScenario : IScenario
{
    private const int Warmup = 50;

    public string Name => "mcp";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadSession session, CancellationToken cancellationToken)
    {
        var recipient = (await session.AgentsAsync("mcp-rcpt", 1, cancellationToken))[0];
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "mesh",
            Command = MeshCli.FindDotnet(),
            Arguments = [MeshCli.FindDll(session.Options.MeshDll), "mcp", "--as", "mcp-bench"],
            EnvironmentVariables = new Dictionary<string, string?>
            {
                ["MESH_HOME"] = session.Home.Root,
                ["MESH_NO_AUTOSTART"] = "1",
                ["MESH_URL"] = null,
                ["MESH_TOKEN"] = null,
            },
        });
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: cancellationToken);
        var send = await MeasureAsync(client, "send", i => new() { ["to"] = recipient, ["body"] = MessageBodies.Create("mcp", i) },
            session.Options.Sends, cancellationToken);
        session.AddStored(Warmup + send.Recorder.Count);
        var inbox = await MeasureAsync(client, "inbox", _ => new() { ["limit"] = 10 }, session.Options.Sends, cancellationToken);
        return [Result("MCP stdio tool call: send", send), Result("MCP stdio tool call: inbox", inbox)];
    }

    private static async Task<Measured> MeasureAsync(
        McpClient client, string tool, Func<int, Dictionary<string, object?>> arguments, int calls, CancellationToken cancellationToken)
    {
        for (var i = 0; i < Warmup; i++)
        {
            await client.CallToolAsync(tool, arguments(-i - 1), cancellationToken: cancellationToken);
        }
        var recorder = new LatencyRecorder(calls);
        var errors = 0;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var result = await client.CallToolAsync(tool, arguments(i), cancellationToken: cancellationToken);
            if (result.IsError == true)
            {
                errors++;
            }
            else
            {
                recorder.RecordSince(t0);
            }
        }
        return new Measured(recorder, errors, Stopwatch.GetElapsedTime(started));
    }

    private static ScenarioResult Result(string name, Measured measured) => new()
    {
        Scenario = name,
        Count = measured.Recorder.Count,
        PerSecond = measured.Recorder.Count / measured.Elapsed.TotalSeconds,
        Latency = measured.Recorder.Summarize(),
        Errors = measured.Errors,
        Notes = "one call at a time; mesh mcp → broker over the unix socket",
    };

    private sealed record Measured(LatencyRecorder Recorder, int Errors, TimeSpan Elapsed);
}
