using Azure;
using Azure.Data.Tables;

namespace PaymentOrchestrator.Storage;

/// <summary>The table operations whose "expected" failures we want as values, not exceptions.</summary>
public static class TableClientExtensions
{
    /// <summary>Adds the entity; false (nothing written) when a row with its keys already exists.</summary>
    public static async Task<bool> AddIfAbsentAsync<T>(this TableClient table, T entity, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        ArgumentNullException.ThrowIfNull(table);
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The entity, or null when the row (or the whole table) does not exist.</summary>
    public static async Task<T?> FindAsync<T>(
        this TableClient table, string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        ArgumentNullException.ThrowIfNull(table);
        var response = await table.GetEntityIfExistsAsync<T>(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }
}
