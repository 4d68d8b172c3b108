using AgentMesh.Protocol.Errors;

namespace AgentMesh.Setup;

/// <summary>The messages setup refuses with. Each names the file, the line when known, and what to do next.</summary>
internal static class SetupErrors
{
    /// <summary>An existing file we cannot parse; nothing was changed.</summary>
    public static MeshException Unparsable(string path, int? line, string detail) =>
        new(MeshErrorCode.Conflict,
            $"{path}{(line is { } l ? $" line {l}" : "")}: {detail}. Fix the file (or move it aside{BackupHint(path)}) "
            + "and run mesh setup again; it changes nothing while a file does not parse.");

    /// <summary>An existing file whose content is valid but in a form we will not edit automatically.</summary>
    public static MeshException Unsupported(string path, int? line, string detail) =>
        new(MeshErrorCode.Conflict, $"{path}{(line is { } l ? $" line {l}" : "")}: {detail}. Nothing was changed.");

    public static MeshException InvalidRequest(string message) => new(MeshErrorCode.InvalidRequest, message);

    private static string BackupHint(string path) =>
        File.Exists(path + Files.SetupFileSystem.BackupSuffix) ? $"; {Path.GetFileName(path)}{Files.SetupFileSystem.BackupSuffix} holds the copy from before mesh setup first changed it" : "";
}
