using Spectre.Console;

namespace AgentMesh.Cli.Hosting;

/// <summary>Builds the Spectre consoles <c>mesh</c> writes through: one for stdout, one for stderr.</summary>
internal static class CliConsole
{
    /// <summary>
    /// A console over <paramref name="writer"/>. Without a terminal (a pipe, a file, a test) nothing is
    /// wrapped: a line that would be one line in a log stays one line.
    /// </summary>
    public static IAnsiConsole Create(TextWriter writer, bool terminal, bool color)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal && color ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = 4096;
        }
        return console;
    }

    /// <summary>Colour unless <c>NO_COLOR</c> is set to anything (https://no-color.org).</summary>
    public static bool ColorAllowed(Func<string, string?> variables) =>
        string.IsNullOrEmpty(variables("NO_COLOR"));
}
