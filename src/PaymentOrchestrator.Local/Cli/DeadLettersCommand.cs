using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PaymentOrchestrator.Local.Queues;
using Spectre.Console;

namespace PaymentOrchestrator.Local.Cli;

/// <summary><c>dead-letters list | replay</c>: what the workers refused, with the reasons, and sending it again.</summary>
internal static class DeadLettersCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("dead-letters", "List poison messages with their reasons, or replay them to their queues.");
        var listQueue = new Option<string?>("--queue") { Description = "The work queue (payment-requests, refund-requests); default all." };
        var list = new Command("list", "List poison messages with their reasons.") { listQueue };
        list.SetAction((parse, cancellationToken) => CliApplication.WithStorageAsync(console, parse, async storage =>
        {
            var q = storage.Settings.Queues;
            var names = parse.GetValue(listQueue) is { } one ? [one] : new[] { q.PaymentRequests, q.RefundRequests };
            foreach (var (poisonQueue, count, first) in await new DeadLetterQueues(storage.Queues).ListAsync(names, cancellationToken))
            {
                console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{poisonQueue}: {count} message(s)")));
                if (first.Count == 0)
                {
                    continue;
                }

                var table = new Table().Border(TableBorder.Rounded);
                table.AddColumns("Message id", "Poisoned (UTC)", "Reason", "Description", "Original");
                foreach (var entry in first)
                {
                    table.AddRow(Markup.Escape(entry.MessageId),
                        entry.Message?.PoisonedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "",
                        Markup.Escape(entry.Message?.Reason ?? "(not a poison wrapper)"),
                        Markup.Escape(entry.Message?.Description ?? ""),
                        Markup.Escape(Describe(entry)));
                }

                console.Write(table);
            }

            return 0;
        }));

        var replayQueue = new Option<string?>("--queue") { Description = "The work queue whose poison messages to replay; default all." };
        var id = new Option<string?>("--id") { Description = "Replay only this message (its poison or original message id)." };
        var replay = new Command("replay", "Send poison messages back to their queue unchanged (e.g. after registering the sales unit they named).") { replayQueue, id };
        replay.SetAction((parse, cancellationToken) => CliApplication.WithStorageAsync(console, parse, async storage =>
        {
            var q = storage.Settings.Queues;
            var names = parse.GetValue(replayQueue) is { } one ? [one] : new[] { q.PaymentRequests, q.RefundRequests };
            var known = new[] { q.PaymentRequests, q.RefundRequests };
            if (names.FirstOrDefault(n => !known.Contains(n, StringComparer.Ordinal)) is { } unknown)
            {
                console.MarkupLine("[red]" + Markup.Escape($"--queue {unknown} is not one of this host's work queues ({string.Join(", ", known)}).") + "[/]");
                return 2;
            }

            var total = 0;
            foreach (var name in names)
            {
                var count = await new DeadLetterQueues(storage.Queues).ReplayAsync(name, parse.GetValue(id), cancellationToken);
                console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{name}: replayed {count} message(s).")));
                total += count;
            }

            return total > 0 || parse.GetValue(id) is null ? 0 : 1;
        }));

        command.Add(list);
        command.Add(replay);
        return command;
    }

    private static string Describe(DeadLetterQueues.Entry entry)
    {
        var text = entry.Message?.OriginalMessage ?? entry.RawText;
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("type", out var type) && json.RootElement.TryGetProperty("id", out var eventId))
            {
                return $"{type} {eventId}";
            }
        }
        catch (JsonException)
        {
            // Not JSON: show the start of it.
        }

        return text.Length > 60 ? text[..60] + "…" : text;
    }
}
