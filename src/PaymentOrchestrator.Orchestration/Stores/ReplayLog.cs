using System.Globalization;
using Azure.Data.Tables;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// Who replayed which dead letter: one row per replayed message, in the payments table's partition of the sales unit
/// the message speaks for (RowKey <c>R|{inverted ticks}|{dead letter id hash}</c>, so the newest come first).
/// </summary>
public sealed class ReplayLog(TableClient table)
{
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
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
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
                e.GetString("ReplayedBy") ?? string.Empty, e.GetString("ReplayedBySource") ?? string.Empty));
            if (result.Count == limit)
            {
                break;
            }
        }

        return result;
    }

    private static string RowKey(ReplayRecord record) =>
        "R|" + (DateTimeOffset.MaxValue.UtcTicks - record.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|"
        + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(record.Queue + "\n" + record.DeadLetterId)))[..16];
}
