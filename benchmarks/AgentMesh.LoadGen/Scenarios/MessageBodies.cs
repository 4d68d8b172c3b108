namespace AgentMesh.LoadGen.Scenarios;

/// <summary>Unique message bodies of a realistic size (~200 bytes, a short instruction between agents).</summary>
internal static class MessageBodies
{
    private const string Filler =
        "please run the unit tests for the parser module and report which ones fail, with the first error line of each; " +
        "do not change any files yet";

    public static string Create(string tag, long n) => $"{tag} #{n}: {Filler}";
}
