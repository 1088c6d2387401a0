using Azure;
using Azure.Data.Tables;

namespace PaymentOrchestrator.Storage;

/// <summary>
/// Transactions as Azure Table Storage accepts them. The SDK sends whatever it is given, and Azurite accepts a
/// cross-partition transaction that Azure refuses, so a mistake would only show in production: refuse it here, before
/// anything is sent.
/// </summary>
public static class TableTransactions
{
    /// <summary>Table Storage's limit of actions per transaction.</summary>
    public const int MaxActions = 100;

    /// <summary>Submits <paramref name="actions"/> after <see cref="EnsureValid"/>; failures are the SDK's <see cref="TableTransactionFailedException"/>.</summary>
    public static async Task<Response<IReadOnlyList<Response>>> SubmitCheckedTransactionAsync(
        this TableClient table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        EnsureValid(actions);
        return await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
    }

    /// <exception cref="ArgumentException">Empty, over <see cref="MaxActions"/>, more than one partition, or a row twice.</exception>
    public static void EnsureValid(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > MaxActions)
        {
            throw new ArgumentException($"A transaction holds 1 to {MaxActions} actions; this one has {actions.Count}.", nameof(actions));
        }

        var partition = actions[0].Entity.PartitionKey;
        var rows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            if (!string.Equals(action.Entity.PartitionKey, partition, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"A transaction must stay in one partition; it names '{partition}' and '{action.Entity.PartitionKey}'.", nameof(actions));
            }

            if (!rows.Add(action.Entity.RowKey))
            {
                throw new ArgumentException($"A transaction may touch a row once; row '{action.Entity.RowKey}' appears twice.", nameof(actions));
            }
        }
    }
}
