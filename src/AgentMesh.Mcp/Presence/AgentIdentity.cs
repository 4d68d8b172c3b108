using System.Text;
using AgentMesh.Protocol.Local;

namespace AgentMesh.Mcp.Presence;

/// <summary>Who <c>mesh mcp</c> registers as, when nobody said: a name from the folder, and the client's pid.</summary>
public static class AgentIdentity
{
    /// <summary>
    /// A valid agent name (<c>[a-z0-9][a-z0-9._-]{0,62}</c>) from a folder's name: lower-cased, every other
    /// character a '-', runs of '-' folded, leading punctuation dropped; "agent" when nothing is left.
    /// </summary>
    public static string NameFromFolder(string? folder)
    {
        var baseName = Path.GetFileName((folder ?? "").TrimEnd('/', '\\'));
        var name = new StringBuilder(baseName.Length);
        foreach (var c in baseName.ToLowerInvariant())
        {
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-';
            var next = ok ? c : '-';
            if (next == '-' && name.Length > 0 && name[^1] == '-')
            {
                continue;
            }
            name.Append(next);
        }
        var text = name.ToString().TrimStart('.', '_', '-');
        if (text.Length > 63)
        {
            text = text[..63];
        }
        text = text.TrimEnd('-');
        return text.Length == 0 ? "agent" : text;
    }

    /// <summary>
    /// The pid of the process that started this one (the MCP client, whose life is the agent's), read from
    /// <c>/proc/self/stat</c>; this process's own pid where there is no procfs.
    /// </summary>
    public static int ClientProcessId() => ProcessTree.ParentOf(Environment.ProcessId) is > 1 and var parent ? parent : Environment.ProcessId;
}
