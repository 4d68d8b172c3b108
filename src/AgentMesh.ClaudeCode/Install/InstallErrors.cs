using AgentMesh.Protocol.Errors;

namespace AgentMesh.ClaudeCode.Install;

/// <summary>Why <c>mesh install</c> / <c>uninstall</c> refuses a file; nothing is written then.</summary>
internal static class InstallErrors
{
    public static MeshException Unsupported(string detail) =>
        new(MeshErrorCode.Conflict, detail);

    public static MeshException InFile(string path, MeshException inner) =>
        new(inner.Code, $"{path}: {inner.Message}. Fix it by hand and run the command again; nothing was changed.", inner);
}
