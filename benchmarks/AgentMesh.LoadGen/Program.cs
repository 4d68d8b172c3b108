using AgentMesh.LoadGen;

// The load generator: parse the command line, start (or attach to) a broker, run the chosen scenarios,
// print the report. See benchmarks/README.md.
return await LoadGenCommand.Create(LoadRunner.RunAsync).Parse(args).InvokeAsync();
