using Azure;

namespace PaymentOrchestrator.Storage.Tables;

/// <summary>Pages of a query, following the service's continuation token until there is none.</summary>
internal sealed class TableQueryPageable<T>(
    Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage, CancellationToken cancellationToken)
    : AsyncPageable<T>(cancellationToken)
    where T : notnull
{
    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        var token = continuationToken;
        do
        {
            var page = await fetchPage(token, pageSizeHint, CancellationToken);
            yield return page;
            token = page.ContinuationToken;
        }
        while (token is not null);
    }
}
