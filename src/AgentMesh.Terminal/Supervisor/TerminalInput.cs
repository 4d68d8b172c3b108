namespace AgentMesh.Terminal.Supervisor;

/// <summary>
/// The one way into the agent's terminal: the person's keys and the supervisor's pastes take turns, so a paste
/// and its Enter are never split by a key, and a key typed meanwhile arrives right after them.
/// </summary>
public sealed class TerminalInput(Stream terminal) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Forwards the person's keys (called by the input pump, on its own thread).</summary>
    public void WriteKeys(ReadOnlySpan<byte> keys)
    {
        _turn.Wait();
        try
        {
            terminal.Write(keys);
            terminal.Flush();
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Holds the terminal for the supervisor until the returned handle is disposed.</summary>
    public async Task<Turn> TakeTurnAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(this);
    }

    public void Dispose() => _turn.Dispose();

    /// <summary>The supervisor's turn at the terminal.</summary>
    public sealed class Turn(TerminalInput owner) : IDisposable
    {
        private int _released;

        public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            await owner.Terminal.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await owner.Terminal.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner._turn.Release();
            }
        }
    }

    private Stream Terminal => terminal;
}
