using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AgentMesh.Protocol.Local;

namespace AgentMesh.ClaudeCode.Sessions;

/// <summary>
/// One small file per Claude session, <c>$MESH_HOME/claude-code/&lt;session&gt;.json</c> (folder 0700, file 0600):
/// the hooks are separate short processes, and this is how one tells the next which agent the session is and
/// how many Stops in a row it blocked. A missing or unreadable file means "nothing remembered", never an error.
/// </summary>
public sealed class SessionStateStore(MeshHome home)
{
    private const UnixFileMode PrivateDir = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public string Folder => Path.Combine(home.Root, "claude-code");

    public SessionState? Read(string sessionId)
    {
        try
        {
            return SessionState.Parse(File.ReadAllBytes(PathOf(sessionId)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    public void Write(string sessionId, SessionState state)
    {
        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Folder, PrivateDir);
        }
        else
        {
            Directory.CreateDirectory(Folder);
        }
        var path = PathOf(sessionId);
        var temp = path + ".tmp-" + Environment.ProcessId;
        MeshHome.WritePrivateFile(temp, state.ToJson());
        File.Move(temp, path, overwrite: true);
    }

    public void Delete(string sessionId)
    {
        try
        {
            File.Delete(PathOf(sessionId));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a leftover file only costs a few bytes; the next SessionStart of that id overwrites it
        }
    }

    /// <summary>Session ids are UUIDs; anything else is hashed so it can never name a path outside the folder.</summary>
    private string PathOf(string sessionId)
    {
        var safe = sessionId.Length is > 0 and <= 64 && sessionId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? sessionId
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));
        return Path.Combine(Folder, safe + ".json");
    }
}
