namespace AgentMesh.Terminal.Pty;

/// <summary>
/// The read side of a pty's master. When the last process holding the slave side closes it, Linux fails the
/// read with EIO instead of returning 0; here that is the end of the stream, as a reader expects.
/// </summary>
internal sealed class PtyOutputStream(FileStream master) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return master.Read(buffer);
        }
        catch (IOException)
        {
            return 0; // EIO: the program and everything it started have closed the terminal
        }
        catch (ObjectDisposedException)
        {
            return 0;
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
