using System.CommandLine;
using AgentMesh.Cli.Hosting;

namespace AgentMesh.Cli.Commands.Roles;

/// <summary><c>mesh role …</c>: route work to whoever is best placed to take it.</summary>
internal sealed class RoleCommand : Command
{
    public RoleCommand(CliContext context, GlobalOptions globals)
        : base("role", "Roles: send to role:NAME and the broker picks the highest-priority online member, idle before busy.")
    {
        Add(new RoleCreateCommand(context, globals));
        Add(new RoleListCommand(context, globals));
        Add(new RoleShowCommand(context, globals));
        Add(new RoleDeleteCommand(context, globals));
    }
}
