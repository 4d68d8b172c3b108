using System.Text;

namespace AgentMesh.ClaudeCode;

/// <summary>
/// A writer that opens the real one (<see cref="Console.Out"/>, <see cref="Console.Error"/>) on its first use. Most
/// hook runs write nothing at all, and setting up the console's writers is a cost every one of them would pay.
/// </summary>
internal sealed class DeferredWriter(Func<TextWriter> open) : TextWriter
{
    private TextWriter? _inner;

    private TextWriter Inner => _inner ??= open();

    public override Encoding Encoding => Inner.Encoding;

    public override void Write(char value) => Inner.Write(value);

    public override void Write(string? value) => Inner.Write(value);

    public override void Write(char[] buffer, int index, int count) => Inner.Write(buffer, index, count);

    public override void WriteLine(string? value) => Inner.WriteLine(value);

    public override void Flush() => _inner?.Flush();
}
