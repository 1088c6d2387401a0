using System.Diagnostics;
using Azure.Data.Tables;
using PaymentOrchestrator.Storage;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>What one table request costs on Azurite as the table grows.</summary>
/// <param name="Rows">Rows in the table (in other partitions) when measured.</param>
/// <param name="PointReadMs">p50 of a point read (PartitionKey and RowKey).</param>
/// <param name="PartitionQueryMs">p50 of a one-partition query returning its 10 rows — the shape of a Durable history load.</param>
internal sealed record TableQueryPoint(int Rows, double PointReadMs, double PartitionQueryMs);

/// <summary>
/// Azurite's tables (LokiJS) answer a point read from an index but run every query — even <c>PartitionKey eq '…'</c> —
/// as a filter over the whole table (azurite dist/src/table/persistence/LokiTableMetadataStore.js,
/// <c>queryTableEntities</c>: <c>chain().where(…)</c>). The Durable backend loads an orchestration's history and checks an
/// instance's status with such queries, so if their cost grew with the table, every step would slow down as finished
/// sagas' history accumulates. tools/azurite/launch.js answers a query pinned to one PartitionKey from that partition
/// alone (<c>AZURITE_QUERY_INDEX=off</c>: Azurite's own scan). This measures it alone: one Azurite, one table, nothing else.
/// </summary>
internal static class TableQueryCost
{
    private const int Samples = 40;
    private static readonly string Payload = new('x', 300);

    public static async Task<IReadOnlyList<TableQueryPoint>> MeasureAsync(string connectionString, IReadOnlyList<int> sizes, Action<double> progress, CancellationToken cancellationToken)
    {
        var table = new StorageClients(connectionString).Tables.GetTableClient("querycost" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateIfNotExistsAsync(cancellationToken);
        // The measured partition: 10 rows, like a short orchestration history.
        await table.SubmitTransactionAsync(Enumerable.Range(0, 10).Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row("target", i))), cancellationToken);

        var points = new List<TableQueryPoint>();
        var filled = 0;
        foreach (var size in sizes)
        {
            // Filler rows in partitions of 100 (one transaction each), like other sagas' histories.
            while (filled < size)
            {
                var partition = "filler-" + (filled / 100).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
                await table.SubmitTransactionAsync(Enumerable.Range(0, 100).Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row(partition, i))), cancellationToken);
                filled += 100;
                progress(0.9 * filled / Math.Max(1, sizes.Max()));
            }

            var reads = new List<double>();
            var queries = new List<double>();
            for (var i = 0; i < Samples; i++)
            {
                var clock = Stopwatch.StartNew();
                await table.GetEntityAsync<TableEntity>("target", "row-0005", cancellationToken: cancellationToken);
                reads.Add(clock.Elapsed.TotalMilliseconds);
                clock.Restart();
                var rows = 0;
                await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"target"}"), cancellationToken: cancellationToken))
                {
                    rows++;
                }

                queries.Add(clock.Elapsed.TotalMilliseconds);
                if (rows != 10)
                {
                    throw new InvalidOperationException($"The measured partition returned {rows} rows, not 10.");
                }
            }

            points.Add(new TableQueryPoint(filled, Median(reads), Median(queries)));
        }

        await table.DeleteAsync(cancellationToken);
        progress(1);
        return points;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static TableEntity Row(string partition, int i) =>
        new(partition, "row-" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)) { ["Payload"] = Payload, ["Sequence"] = i };
}
