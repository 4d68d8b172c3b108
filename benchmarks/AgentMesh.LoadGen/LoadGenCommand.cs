using System.CommandLine;

namespace AgentMesh.LoadGen;

/// <summary>The command line: options in, <see cref="LoadGenOptions"/> out.</summary>
internal static class LoadGenCommand
{
    public static RootCommand Create(Func<LoadGenOptions, CancellationToken, Task<int>> run)
    {
        var scenario = new Option<string[]>("--scenario", "-s")
        {
            Description = $"Scenarios to run: all, or any of {string.Join(", ", LoadGenOptions.AllScenarios)} (comma-separated or repeated).",
            DefaultValueFactory = _ => ["all"],
            AllowMultipleArgumentsPerToken = true,
        };
        var transport = new Option<string>("--transport")
        {
            Description = "unix (the socket local agents use) or tcp (loopback with the bearer token).",
            DefaultValueFactory = _ => "unix",
        };
        transport.AcceptOnlyFromAmong("unix", "tcp");
        var url = new Option<Uri?>("--url") { Description = "Attach to a running broker at this url (tcp) instead of starting one." };
        var home = new Option<string?>("--home") { Description = "Attach to the running broker of this MESH_HOME instead of starting one." };
        var meshDll = new Option<string?>("--mesh-dll") { Description = "mesh.dll to start as the broker (default: the one built next to this tool)." };
        var sends = new Option<int>("--sends") { Description = "Sends in the sequential and push scenarios (fsyncs in disk).", DefaultValueFactory = _ => 2_000 };
        var duration = new Option<double>("--duration") { Description = "Seconds per throughput run.", DefaultValueFactory = _ => 10 };
        var concurrency = new Option<int[]>("--concurrency")
        {
            Description = "Concurrent senders per throughput run.",
            DefaultValueFactory = _ => [16, 64],
            AllowMultipleArgumentsPerToken = true,
        };
        var window = new Option<int>("--window") { Description = "Sends in flight per sender on its send socket (throughput-stream).", DefaultValueFactory = _ => 32 };
        var maxStored = new Option<long>("--max-stored") { Description = "Cap for the inbox fill (1k, 100k, 1M levels).", DefaultValueFactory = _ => 1_000_000 };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON on stdout (progress stays on stderr)." };
        var keepHome = new Option<bool>("--keep-home") { Description = "Keep the temporary MESH_HOME (database, broker log) afterwards." };

        var root = new RootCommand("End-to-end load generator for the AgentMesh broker (runs a real broker process).")
        {
            scenario, transport, url, home, meshDll, sends, duration, concurrency, window, maxStored, json, keepHome,
        };
        root.SetAction((parse, cancellationToken) =>
        {
            var scenarios = (parse.GetValue(scenario) ?? ["all"])
                .SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(s => s.ToLowerInvariant())
                .ToList();
            var unknown = scenarios.Where(s => s != "all" && !LoadGenOptions.AllScenarios.Contains(s)).ToList();
            if (unknown.Count > 0)
            {
                Console.Error.WriteLine($"Unknown scenario(s): {string.Join(", ", unknown)}. Use all or {string.Join(", ", LoadGenOptions.AllScenarios)}.");
                return Task.FromResult(2);
            }
            var options = new LoadGenOptions
            {
                Scenarios = scenarios.Contains("all") ? LoadGenOptions.AllScenarios : scenarios,
                Transport = parse.GetValue(transport) ?? "unix",
                Url = parse.GetValue(url),
                Home = parse.GetValue(home),
                MeshDll = parse.GetValue(meshDll),
                Sends = Math.Max(1, parse.GetValue(sends)),
                Duration = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(duration))),
                Concurrency = parse.GetValue(concurrency) is { Length: > 0 } levels ? levels : [16, 64],
                Window = Math.Clamp(parse.GetValue(window), 1, 256),
                MaxStored = Math.Max(1_000, parse.GetValue(maxStored)),
                Json = parse.GetValue(json),
                KeepHome = parse.GetValue(keepHome),
            };
            return run(options, cancellationToken);
        });
        return root;
    }
}
