namespace AgentMesh.Setup.Servers;

/// <summary>
/// Puts our part (a server entry, an instructions block) into one kind of file and takes it out again,
/// leaving everything else as it was. Pure text in, text out: reading, backups and writing happen elsewhere.
/// Throws a <see cref="Protocol.Errors.MeshException"/> for a file it cannot parse or will not edit.
/// </summary>
internal interface IFileEditor
{
    /// <summary>The file's text with our part in place; <paramref name="text"/> is null when the file does not exist.
    /// Returns <paramref name="text"/> itself when nothing needs to change.</summary>
    string Apply(string? text);

    /// <summary>The file's text without our part, or null when our part is not there.</summary>
    string? Remove(string text);

    /// <summary>True when the text configures nothing (blank, or only empty containers), so deleting the
    /// file loses nothing and a file holding only our part needs no backup.</summary>
    bool IsEmpty(string text);
}
