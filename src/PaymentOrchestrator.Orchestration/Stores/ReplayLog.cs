using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Storage;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// Who replayed which dead letter: one row per replayed message, in the payments table's partition of the sales unit
/// the message speaks for (RowKey <c>R|{inverted ticks}|{dead letter id hash}</c>, so the newest come first). Beside
/// it, one row per dead-lettered event (<c>RH|{queue and event id hash}</c>, <see cref="DeadLetterHistory"/>) keeps when
/// and why it was first dead-lettered and when it was replayed: a replayed message that is refused again is a new dead
/// letter to its transport, with a new time and delivery count, and this row is what still knows the first.
/// </summary>
public sealed class ReplayLog(TableClient table)
{
    /// <summary>How many replay times a history row keeps (the newest); its count keeps counting.</summary>
    public const int KeptReplayTimes = 10;

    public async Task RecordAsync(ReplayRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entity = new TableEntity(record.Msn, RowKey(record))
        {
            ["At"] = record.At,
            ["Queue"] = record.Queue,
            ["DeadLetterId"] = record.DeadLetterId,
            ["EventId"] = record.EventId,
            ["EventType"] = record.EventType,
            ["ReplayedBy"] = record.ReplayedBy,
            ["ReplayedBySource"] = record.ReplayedBySource,
            ["DeadLetteredAt"] = record.DeadLetteredAt,
            ["Reason"] = record.Reason,
            ["DeliveryCount"] = record.DeliveryCount,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        if (record.EventId is { } eventId)
        {
            await AddToHistoryAsync(record, HistoryRowKey(record.Queue, eventId), cancellationToken);
        }
    }

    /// <summary>The sales unit's replays, newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<ReplayRecord>> ListAsync(Msn msn, int limit, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {msn.Value} and RowKey ge {"R|"} and RowKey lt {"R}"}");
        var result = new List<ReplayRecord>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, maxPerPage: limit, cancellationToken: cancellationToken))
        {
            result.Add(new ReplayRecord(msn.Value, e.GetDateTimeOffset("At") ?? default, e.GetString("Queue") ?? string.Empty,
                e.GetString("DeadLetterId") ?? string.Empty, e.GetString("EventId"), e.GetString("EventType"),
                e.GetString("ReplayedBy") ?? string.Empty, e.GetString("ReplayedBySource") ?? string.Empty)
            {
                DeadLetteredAt = e.GetDateTimeOffset("DeadLetteredAt"),
                Reason = e.GetString("Reason"),
                DeliveryCount = e.GetInt64("DeliveryCount"),
            });
            if (result.Count == limit)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>The history of the event <paramref name="eventId"/> dead-lettered on <paramref name="queue"/>; null when it was never replayed.</summary>
    public async Task<DeadLetterHistory?> HistoryAsync(string msn, string queue, string eventId, CancellationToken cancellationToken = default)
    {
        var row = await table.FindAsync<TableEntity>(msn, HistoryRowKey(queue, eventId), null, cancellationToken);
        return row is null
            ? null
            : new DeadLetterHistory(row.GetDateTimeOffset("FirstDeadLetteredAt") ?? default, row.GetString("FirstReason") ?? string.Empty,
                row.GetInt64("FirstDeliveryCount") ?? 0, row.GetInt32("ReplayCount") ?? 0, Times(row.GetString("ReplayedAt")));
    }

    /// <summary>
    /// Counts the replay on the event's history row: the first one writes the letter's facts as the first; later ones
    /// keep them and add their time. Two replays at once: the loser reads the winner's row and adds to it (ETag).
    /// </summary>
    private async Task AddToHistoryAsync(ReplayRecord record, string rowKey, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var row = await table.FindAsync<TableEntity>(record.Msn, rowKey, null, cancellationToken);
            try
            {
                if (row is null)
                {
                    await table.AddEntityAsync(new TableEntity(record.Msn, rowKey)
                    {
                        ["Queue"] = record.Queue,
                        ["EventId"] = record.EventId,
                        ["FirstDeadLetteredAt"] = record.DeadLetteredAt ?? record.At,
                        ["FirstReason"] = record.Reason ?? string.Empty,
                        ["FirstDeliveryCount"] = record.DeliveryCount ?? 0,
                        ["ReplayCount"] = 1,
                        ["ReplayedAt"] = JsonSerializer.Serialize(new[] { record.At }),
                    }, cancellationToken);
                }
                else
                {
                    row["ReplayCount"] = (row.GetInt32("ReplayCount") ?? 0) + 1;
                    row["ReplayedAt"] = JsonSerializer.Serialize(Times(row.GetString("ReplayedAt")).Append(record.At).TakeLast(KeptReplayTimes));
                    await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 3)
            {
                // Another replay of the same event wrote the row meanwhile: read it again.
            }
        }
    }

    private static IReadOnlyList<DateTimeOffset> Times(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<DateTimeOffset[]>(json) ?? [];

    private static string RowKey(ReplayRecord record) =>
        "R|" + (DateTimeOffset.MaxValue.UtcTicks - record.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|" + Hash(record.Queue + "\n" + record.DeadLetterId);

    private static string HistoryRowKey(string queue, string eventId) => "RH|" + Hash(queue + "\n" + eventId);

    private static string Hash(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
}
