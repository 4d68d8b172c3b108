using System.Threading.Channels;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AgentMesh.Cli.Tests;

/// <summary>
/// A terminal for in-process runs of full-screen commands: an interactive, ANSI-capable Spectre console of a
/// fixed size whose output a test can await (<see cref="Output"/>) and whose keyboard it types on (<see cref="Press"/>).
/// </summary>
internal sealed class TestTerminal : IAnsiConsole
{
    private readonly IAnsiConsole _screen;
    private readonly Keyboard _keyboard = new();

    public TestTerminal(int width = 160, int height = 60)
    {
        _screen = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Output),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Interactive = InteractionSupport.Yes,
        });
        _screen.Profile.Width = width;
        _screen.Profile.Height = height;
    }

    /// <summary>Everything written, escape sequences included.</summary>
    public ObservableWriter Output { get; } = new();

    public void Press(char key) =>
        _keyboard.Keys.Writer.TryWrite(new ConsoleKeyInfo(key, Enum.TryParse<ConsoleKey>(char.ToUpperInvariant(key).ToString(), out var k) ? k : default, false, false, false));

    public Profile Profile => _screen.Profile;
    public IAnsiConsoleCursor Cursor => _screen.Cursor;
    public IAnsiConsoleInput Input => _keyboard;
    public IExclusivityMode ExclusivityMode => _screen.ExclusivityMode;
    public RenderPipeline Pipeline => _screen.Pipeline;
    public void Clear(bool home) => _screen.Clear(home);
    public void Write(IRenderable renderable) => _screen.Write(renderable);

    private sealed class Keyboard : IAnsiConsoleInput
    {
        public Channel<ConsoleKeyInfo> Keys { get; } = Channel.CreateUnbounded<ConsoleKeyInfo>();

        public bool IsKeyAvailable() => Keys.Reader.Count > 0;

        public ConsoleKeyInfo? ReadKey(bool intercept) => Keys.Reader.TryRead(out var key) ? key : null;

        public async Task<ConsoleKeyInfo?> ReadKeyAsync(bool intercept, CancellationToken cancellationToken) =>
            await Keys.Reader.ReadAsync(cancellationToken);
    }
}
