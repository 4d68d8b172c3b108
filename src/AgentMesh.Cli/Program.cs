using AgentMesh.Cli;
using AgentMesh.Cli.Commands.Run;
using AgentMesh.Cli.Hosting;

if (ClaudeCodeFastPath.Matches(args))
{
    return ClaudeCodeFastPath.Run(args);
}
if (RunArguments.IsSupervisorRun(args))
{
    // mesh run owns the terminal and forwards signals to its agent itself (no ShutdownSignals).
    return await MeshCli.RunSupervisedAsync(args, CliContext.ForConsole());
}
using var signals = new ShutdownSignals();
var context = CliContext.ForConsole();
return await MeshCli.RunAsync(args, context, signals.Token);
