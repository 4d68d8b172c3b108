using System.Reflection;

namespace AgentMesh.Client.Autostart;

/// <summary>The program and arguments that start a broker, e.g. <c>mesh server --detach-child</c>.</summary>
public sealed record BrokerLaunchCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// This very executable with <paramref name="arguments"/>. Run as a .NET tool apphost the process path
    /// is the program itself; run as <c>dotnet mesh.dll</c> it is the <c>dotnet</c> host, and the entry
    /// assembly has to come first.
    /// </summary>
    public static BrokerLaunchCommand ForCurrentProcess(IEnumerable<string> arguments)
    {
        var processPath = Environment.ProcessPath
            ?? throw new InvalidOperationException("Cannot tell which executable is running, so cannot start a broker; run 'mesh server'.");
        if (Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            && Assembly.GetEntryAssembly()?.Location is { Length: > 0 } entry)
        {
            return new BrokerLaunchCommand(processPath, [entry, .. arguments]);
        }
        return new BrokerLaunchCommand(processPath, [.. arguments]);
    }
}
