using System.ComponentModel;
using System.Text;
using AgentMesh.Mcp.Hosting;
using AgentMesh.Protocol.Agents;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AgentMesh.Mcp.Tools;

/// <summary>Who am I, and who else is on the mesh.</summary>
[McpServerToolType]
internal sealed class AgentTools(MeshSession session)
{
    [McpServerTool(Name = "whoami", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Shows which mesh agent you act as (your name and id, which others use to address you), your mesh, and how many messages wait for you. Call it once at the start if you are unsure who you are on the mesh.")]
    public Task<CallToolResult> WhoAmIAsync(CancellationToken cancellationToken) => ToolResults.RunAsync(async () =>
    {
        var name = await session.RequireAgentAsync(cancellationToken);
        var me = await session.Operations.GetAgentAsync(name, cancellationToken);
        var unread = (await session.Operations.ListAgentsAsync(all: true, cancellationToken)).FirstOrDefault(a => a.Id == me.Id)?.Unread ?? 0;
        return $"You are {me.Name} (id {me.Id}) in mesh {me.Mesh}, kind {me.Kind}, status {me.Status}"
            + (me.Cwd is null ? "" : $", folder {me.Cwd}")
            + $". {unread} unacknowledged message(s) wait for you"
            + (unread > 0 ? ": read them with inbox, or take them with wait." : ".");
    });

    [McpServerTool(Name = "agents", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Lists the agents on the mesh: name, id, kind, status, folder and unread count. Call it before send when you do not know the exact name of the agent you want to reach.")]
    public Task<CallToolResult> AgentsAsync(
        [Description("true to include offline agents too (they still receive messages, queued until they return); default false: live agents only")] bool all = false,
        CancellationToken cancellationToken = default) => ToolResults.RunAsync(async () =>
    {
        var agents = await session.Operations.ListAgentsAsync(all, cancellationToken);
        if (agents.Count == 0)
        {
            return all ? "No agent is registered in this mesh yet." : "No agent is online in this mesh. Call agents with all=true to see offline ones.";
        }
        var text = new StringBuilder($"{agents.Count} agent(s) in mesh {session.Operations.Mesh}:\n");
        foreach (var agent in agents)
        {
            text.Append("- ").Append(Describe(agent, session.Agent)).Append('\n');
        }
        return text.Append("Address an agent in send by its name, its id, or its folder's name.").ToString();
    });

    internal static string Describe(AgentInfo agent, string? me)
    {
        var you = agent.Name == me || agent.Id == me ? " (you)" : "";
        return $"{agent.Name}{you}: id {agent.Id}, {agent.Kind}, {agent.Status}"
            + (agent.Cwd is null ? "" : $", folder {agent.Cwd}")
            + (agent.Unread is { } unread ? $", {unread} unread" : "");
    }
}
