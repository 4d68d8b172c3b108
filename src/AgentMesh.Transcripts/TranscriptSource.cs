using AgentMesh.Protocol.Agents;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Transcripts;

/// <summary>
/// Where an agent's transcript is, and opening it. Only the path an agent registered is read, and only if it
/// is an absolute <c>.jsonl</c> file: a registration cannot point the reader (which may be the broker) at
/// arbitrary files, and any line that is not JSON is skipped anyway.
/// </summary>
public static class TranscriptSource
{
    public static string PathOf(AgentInfo agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var who = $"{agent.Name} ({agent.Id})";
        if (string.IsNullOrWhiteSpace(agent.TranscriptPath))
        {
            throw new MeshException(MeshErrorCode.TranscriptNotFound,
                $"Agent {who} has no transcript registered: only Claude Code sessions registered by the mesh hooks ('mesh install') record one, or an agent registered with 'mesh register --transcript PATH'.");
        }
        var path = agent.TranscriptPath;
        if (!Path.IsPathFullyQualified(path) || !path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            throw new MeshException(MeshErrorCode.TranscriptNotFound,
                $"Agent {who} registered '{path}' as its transcript, which is not an absolute path to a .jsonl file; it is not read. Re-register the agent with its Claude Code transcript.");
        }
        return path;
    }

    /// <summary>Opens the file for reading while Claude Code may still be appending to it.</summary>
    public static FileStream Open(string path)
    {
        try
        {
            return new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                Options = FileOptions.SequentialScan,
                BufferSize = 0, // the line reader buffers
            });
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new MeshException(MeshErrorCode.TranscriptNotFound,
                $"The transcript file {path} does not exist (any more): the session may have been deleted, or cleaned up by Claude Code after cleanupPeriodDays (30 days by default).", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new MeshException(MeshErrorCode.TranscriptNotFound,
                $"The transcript file {path} cannot be read by this user; read it as the user who ran that session.", e);
        }
    }
}
