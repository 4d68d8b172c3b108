using AgentMesh.Protocol.Messages;
using Spectre.Console;

namespace AgentMesh.Cli.Rendering;

/// <summary>
/// Messages for people. Bodies and names came from agents, so they are only ever rendered as plain
/// <see cref="Text"/> or escaped markup, never parsed as markup.
/// </summary>
internal static class MessageView
{
    /// <summary>A message in full: a header line, then the body as it was sent.</summary>
    public static void WriteFull(IAnsiConsole console, MessageEnvelope message, string? state, DateTimeOffset now)
    {
        var reply = message.InReplyTo is { } parent ? $" · reply to {Markup.Escape(parent)}" : "";
        var stateText = state is null ? "" : $" · {Markup.Escape(state)}";
        console.MarkupLine(
            $"[bold]{Markup.Escape(message.Id)}[/] from [cyan]{Markup.Escape(message.FromName)}[/] · {KindMarkup(message.Kind)}{stateText}{reply} · [grey]{Markup.Escape(Ago.Since(message.CreatedAt, now))}[/]");
        var body = PrintableText.Block(message.Body);
        console.Write(new Text(body.EndsWith('\n') ? body : body + "\n"));
        console.WriteLine();
    }

    /// <summary>Many messages as a table with a one-line preview of each body.</summary>
    public static Table CreateTable(IReadOnlyList<MessageEnvelope> messages, DateTimeOffset now)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns("ID", "WHEN", "FROM", "TO", "KIND", "BODY");
        foreach (var message in messages)
        {
            table.AddRow(
                new Text(message.Id),
                new Text(Ago.Since(message.CreatedAt, now)),
                new Text(message.FromName),
                new Text(message.To),
                new Markup(KindMarkup(message.Kind)),
                new Text(Preview(message.Body)));
        }
        return table;
    }

    public static string KindMarkup(string kind) => kind == MessageKind.Task ? "[yellow]task[/]" : $"[grey]{Markup.Escape(kind)}[/]";

    /// <summary>The first line, at most 60 characters.</summary>
    public static string Preview(string body)
    {
        var line = body.AsSpan().TrimStart();
        var newline = line.IndexOfAny('\r', '\n');
        if (newline >= 0)
        {
            line = line[..newline];
        }
        var more = newline >= 0 || line.Length > 60;
        var preview = line.Length > 60 ? string.Concat(line[..59], "…") : more ? string.Concat(line, " …") : line.ToString();
        return PrintableText.Line(preview);
    }
}
