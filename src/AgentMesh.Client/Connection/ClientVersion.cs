using System.Reflection;

namespace AgentMesh.Client.Connection;

internal static class ClientVersion
{
    public static readonly string Current =
        typeof(ClientVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
