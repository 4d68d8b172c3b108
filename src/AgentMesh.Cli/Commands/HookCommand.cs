using System.CommandLine;
using AgentMesh.ClaudeCode;
using AgentMesh.ClaudeCode.Hooks;
using AgentMesh.Cli.Hosting;

namespace AgentMesh.Cli.Commands;

/// <summary>
/// <c>mesh hook &lt;event&gt;</c>: what Claude Code runs for its hooks (installed by <c>mesh install</c>). Reads the
/// hook JSON on stdin; stdout carries only the hook's answer; always exits 0 (see <see cref="HookRunner"/>).
/// Claude's own runs take <see cref="ClaudeCodeFastPath"/>, which skips building this command tree.
/// </summary>
internal sealed class HookCommand : MeshCommand
{
    private readonly Argument<string> _event = new("event")
    {
        Description = $"The Claude Code hook event: {string.Join(", ", HookRunner.Events.Select(e => e.Event))}",
    };

    public HookCommand(CliContext context, GlobalOptions globals)
        : base("hook", "Handle a Claude Code hook (JSON on stdin): register, drain messages, block a Stop for waiting tasks, set status.", context, globals)
    {
        _event.AcceptOnlyFromAmong([.. HookRunner.Events.Select(e => e.Event)]);
        Add(_event);
    }

    public override IReadOnlyList<string> Examples { get; } =
    [
        "mesh hook session-start < hook-input.json",
        "echo '{\"session_id\":\"…\",\"prompt\":\"hi\"}' | mesh hook user-prompt-submit",
    ];

    protected override Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken) =>
        Task.FromResult(HookRunner.Run(parseResult.GetRequiredValue(_event), Context.Stdin, Context.Stdout, Console.Error,
            ClaudeCodeCommand.Environment(Context.Variables, MeshName(parseResult)), cancellationToken));
}
