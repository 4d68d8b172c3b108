namespace AgentMesh.Protocol.Webhooks;

/// <summary>
/// How a webhook agent's messages are shaped on the wire (docs/webhooks.md): <c>raw</c> is the message
/// envelope, <c>slack</c> <c>{"text"}</c>, <c>discord</c> <c>{"content"}</c>, <c>openclaw</c> the body of
/// OpenClaw's <c>/hooks/wake</c>, <c>custom</c> a template.
/// </summary>
public static class WebhookFormat
{
    public const string Raw = "raw";
    public const string Slack = "slack";
    public const string Discord = "discord";
    public const string OpenClaw = "openclaw";
    public const string Custom = "custom";

    public static readonly IReadOnlyList<string> All = [Raw, Slack, Discord, OpenClaw, Custom];

    public static bool IsValid(string? format) => format is not null && All.Contains(format);
}
