using System.Text.RegularExpressions;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Protocol;

/// <summary>The one rule for agent and mesh names, shared by the broker and every client: <c>[a-z0-9][a-z0-9._-]{0,62}</c>.</summary>
public static partial class Names
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$")]
    private static partial Regex Pattern();

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    public static string Require(string? name, string what)
    {
        if (!IsValid(name))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest,
                $"'{name}' is not a valid {what} name: use 1-63 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        return name!; // IsValid returned true, so name is not null
    }
}
