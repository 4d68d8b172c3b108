using System.CommandLine;
using AgentMesh.Cli.Hosting;
using AgentMesh.Cli.Rendering;
using AgentMesh.Protocol.Errors;

namespace AgentMesh.Cli.Commands.Policy;

/// <summary>
/// <c>mesh policy allow-commands AGENT /compact,/clear</c>: sets the control commands the agent accepts. The list
/// replaces the old one; <c>--add</c> adds to it, <c>--none</c> allows none again (the default).
/// </summary>
internal sealed class PolicyAllowCommandsCommand : DataCommand
{
    private readonly Argument<string> _agent = new("agent") { Description = "The agent's name, id or folder name" };
    private readonly Argument<string[]> _commands = new("commands")
    {
        Description = "Command names, comma- or space-separated: /compact,/clear (the slash may be left out)",
        Arity = ArgumentArity.ZeroOrMore,
    };
    private readonly Option<bool> _add = new("--add") { Description = "Add these commands to the ones already allowed instead of replacing them" };
    private readonly Option<bool> _none = new("--none") { Description = "Allow no control command at all (the default)" };

    public PolicyAllowCommandsCommand(CliContext context, GlobalOptions globals)
        : base("allow-commands", "Set which control commands other agents may send to an agent (kind=command, e.g. mesh send bob /compact --command).", context, globals)
    {
        Add(_agent);
        Add(_commands);
        Add(_add);
        Add(_none);
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh policy allow-commands bob /compact,/clear",
        "mesh policy allow-commands bob /review --add",
        "mesh policy allow-commands bob --none",
    ];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var agent = parseResult.GetRequiredValue(_agent);
        var commands = (parseResult.GetValue(_commands) ?? [])
            .SelectMany(word => word.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        var (add, none) = (parseResult.GetValue(_add), parseResult.GetValue(_none));
        if (none == (commands.Count > 0) || (none && add))
        {
            throw new MeshException(MeshErrorCode.InvalidRequest, none
                ? "--none allows no command; give it alone, without command names or --add."
                : $"Name the commands to allow (mesh policy allow-commands {agent} /compact,/clear), or pass --none to allow none.");
        }
        using var client = CreateClient(parseResult);
        if (add)
        {
            var current = await client.GetPolicyAsync(agent, cancellationToken);
            commands = [.. current.AllowedCommands, .. commands];
        }
        var policy = await client.SetAllowedCommandsAsync(agent, commands, cancellationToken);
        return Output(parseResult, policy, Indented.AgentPolicy, human => PolicyView.Write(human, policy));
    }
}
