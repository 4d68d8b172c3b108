using Microsoft.Extensions.Logging;

namespace AgentMesh.Cli.Hosting;

/// <summary>
/// Log lines appended to a file, for a command that owns the terminal and must not print (<c>mesh run</c>).
/// One line per entry, UTC timestamp first; the file is created 0600 (log lines may name agents and paths).
/// </summary>
internal sealed class FileLogger : ILogger, IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();
    private readonly LogLevel _minimum;

    private FileLogger(StreamWriter writer, LogLevel minimum)
    {
        _writer = writer;
        _minimum = minimum;
    }

    public static FileLogger Open(string path, LogLevel minimum = LogLevel.Debug)
    {
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        return new FileLogger(new StreamWriter(new FileStream(path, options)) { AutoFlush = true }, minimum);
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= _minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }
        var line = $"{DateTimeOffset.UtcNow:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} {logLevel} {formatter(state, exception)}{(exception is null ? "" : " " + exception)}";
        lock (_lock)
        {
            _writer.WriteLine(line);
        }
    }

    public void Dispose() => _writer.Dispose();
}
