using Microsoft.Extensions.Logging;

namespace AgentMesh.Storage.Sqlite;

/// <summary>The store's log lines. Ids and counts only: message bodies are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Applied SQLite migration {Version} ({Name}) to {Path}")]
    public static partial void MigrationApplied(ILogger logger, int version, string name, string path);

    [LoggerMessage(2, LogLevel.Debug, "Opened {Path} at schema version {Version} with {Meshes} meshes")]
    public static partial void Opened(ILogger logger, string path, int version, int meshes);

    [LoggerMessage(3, LogLevel.Error, "A SQLite commit of {Operations} operations failed; every operation in it failed")]
    public static partial void CommitFailed(ILogger logger, Exception exception, int operations);

    [LoggerMessage(4, LogLevel.Warning, "A SQLite write ({Operation}) failed and was rolled back alone")]
    public static partial void OperationFailed(ILogger logger, Exception exception, string operation);

    [LoggerMessage(5, LogLevel.Error, "The event sink threw while publishing {Count} committed events; live subscribers may need to resync from the log")]
    public static partial void PublishFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(6, LogLevel.Critical, "The SQLite writer loop failed; writes are failing until the broker restarts")]
    public static partial void WriterCrashed(ILogger logger, Exception exception);

    [LoggerMessage(7, LogLevel.Debug, "WAL checkpoint at shutdown of {Path}: busy={Busy}, frames={Frames}, checkpointed={Checkpointed}")]
    public static partial void Checkpointed(ILogger logger, string path, long busy, long frames, long checkpointed);

    [LoggerMessage(9, LogLevel.Error, "Indexing messages for search and history failed; searches report the error and retry, the indexer rests 30 s between tries")]
    public static partial void IndexingFailed(ILogger logger, Exception exception);

    [LoggerMessage(10, LogLevel.Debug, "Could not lower the indexer thread's CPU priority (errno {Errno}); it indexes at the normal priority")]
    public static partial void PriorityNotLowered(ILogger logger, int errno);

    [LoggerMessage(8, LogLevel.Warning, "The WAL checkpoint at shutdown of {Path} failed; SQLite replays the WAL at next open")]
    public static partial void CheckpointFailed(ILogger logger, Exception exception, string path);
}
