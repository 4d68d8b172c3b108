using System.CommandLine;
using AgentMesh.Cli.Hosting;
using Spectre.Console;

namespace AgentMesh.Cli.Commands.Roles;

/// <summary><c>mesh role delete NAME</c>.</summary>
internal sealed class RoleDeleteCommand : DataCommand
{
    private readonly Argument<string> _name = new("name") { Description = "The role" };

    public RoleDeleteCommand(CliContext context, GlobalOptions globals)
        : base("delete", "Delete a role. Messages it still held are dropped (they stay in history, undelivered).", context, globals)
    {
        Add(_name);
    }

    public override IReadOnlyList<string> Examples { get; } = ["mesh role delete reviewer"];

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        using var client = CreateClient(parseResult);
        var deleted = await client.DeleteRoleAsync(parseResult.GetRequiredValue(_name), cancellationToken);
        return Output(parseResult, deleted, Indented.RoleDeleted, human =>
        {
            var dropped = deleted.DroppedHeld > 0 ? $" {deleted.DroppedHeld} held message(s) were dropped." : "";
            human.WriteLine($"Deleted role {deleted.Name}.{dropped}");
        });
    }
}
