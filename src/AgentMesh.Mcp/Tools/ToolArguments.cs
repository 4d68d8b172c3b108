using AgentMesh.Protocol.Errors;

namespace AgentMesh.Mcp.Tools;

/// <summary>Argument checks that must read the same on both transports (the REST client would throw ArgumentException).</summary>
internal static class ToolArguments
{
    public static string Require(string? value, string parameter, string what) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new MeshException(MeshErrorCode.InvalidRequest, $"'{parameter}' is empty: give {what}.")
            : value.Trim();
}
