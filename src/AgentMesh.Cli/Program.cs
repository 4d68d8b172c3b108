using AgentMesh.Cli;
using AgentMesh.Cli.Hosting;

if (ClaudeCodeFastPath.Matches(args))
{
    return await ClaudeCodeFastPath.RunAsync(args);
}
using var signals = new ShutdownSignals();
var context = CliContext.ForConsole();
return await MeshCli.RunAsync(args, context, signals.Token);
