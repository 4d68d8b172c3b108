using AgentMesh.Cli;
using AgentMesh.Cli.Hosting;

using var signals = new ShutdownSignals();
var context = CliContext.ForConsole();
return await MeshCli.RunAsync(args, context, signals.Token);
