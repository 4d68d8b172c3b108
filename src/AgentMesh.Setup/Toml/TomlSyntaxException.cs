namespace AgentMesh.Setup.Toml;

/// <summary>A TOML file that our reader does not accept, with the 1-based line of the problem.</summary>
internal sealed class TomlSyntaxException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}
