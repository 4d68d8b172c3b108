using AgentMesh.LoadGen;

// The load generator: parse the command line, start (or attach to) a broker, run the chosen scenarios,
// print the report. See benchmarks/README.md. It first starts itself again without ReadyToRun code (see JitOnly).
if (JitOnly.ShouldRestart())
{
    return await JitOnly.RestartAsync(args);
}
return await LoadGenCommand.Create(LoadRunner.RunAsync).Parse(args).InvokeAsync();
