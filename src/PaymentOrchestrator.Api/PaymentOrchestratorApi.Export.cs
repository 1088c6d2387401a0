using System.Globalization;
using System.Text;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Queries;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Api;

/// <summary>The export: a sales unit's payments and their captures and refunds of a date range as CSV (<see cref="PaymentExport"/>).</summary>
public sealed partial class PaymentOrchestratorApi
{
    /// <summary>
    /// <c>GET /api/sales-units/{msn}/payments-export?from=&amp;to=&amp;separator=semicolon|comma</c>: every payment created in
    /// [from, to) (at most <see cref="PaymentExport.MaxDays"/> days) with its captures and refunds, streamed as UTF-8 CSV.
    /// Same key and rights as the list; a 400 for a bad range before anything is written.
    /// </summary>
    public Task<IResult> PaymentsExportAsync(HttpRequest request, string msn, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
        {
            var (unit, _, problem) = await AuthorizeQueryAsync(request, msn, null, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            if (!TryInstant(Query(request, "from"), out var from) || !TryInstant(Query(request, "to"), out var to))
            {
                return Invalid("from and to must be ISO 8601 dates or instants (e.g. 2026-12-03 or 2026-12-03T00:00:00Z).");
            }

            if (PaymentExport.Validate(from, to) is { } error)
            {
                return Invalid(error);
            }

            CsvSeparator separator;
            switch (Query(request, "separator")?.ToLowerInvariant())
            {
                case null or "semicolon" or ";":
                    separator = CsvSeparator.Semicolon;
                    break;
                case "comma" or ",":
                    separator = CsvSeparator.Comma;
                    break;
                default:
                    return Invalid("separator must be semicolon (with a decimal comma, for Norwegian and Danish Excel) or comma (with a decimal point).");
            }

            // Storage trouble shows here as a problem, before the 200 and the first line are sent.
            await store.EnsureListIndexAsync(unit!.Msn, cancellationToken);
            var name = string.Create(CultureInfo.InvariantCulture, $"payments-{unit.Msn.Value}-{from!.Value.UtcDateTime:yyyyMMdd}-{to!.Value.UtcDateTime:yyyyMMdd}.csv");
            return new CsvExportResult(name, async (writer, ct) =>
                await PaymentExport.WriteAsync(store, unit.Msn, from.Value, to.Value, separator, writer, ct), LogExportFailed);
        });

    [LoggerMessage(Level = LogLevel.Error, Message = "An export failed after it had started; the download was cut off")]
    private partial void LogExportFailed(Exception exception);

    /// <summary>
    /// Streams the CSV: UTF-8 with a byte order mark (so Excel reads it as UTF-8), written as it is read. A failure after
    /// the first line cannot become a problem any more: the connection is aborted, so the download fails instead of
    /// looking complete, and the log has why.
    /// </summary>
    private sealed class CsvExportResult(string fileName, Func<TextWriter, CancellationToken, Task> write, Action<Exception> failed) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/csv; charset=utf-8";
            response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            response.Headers.CacheControl = "no-store";
            response.Headers["X-Content-Type-Options"] = "nosniff";
            try
            {
                await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024);
                await write(writer, httpContext.RequestAborted);
            }
            catch (Exception e) when (e is not OperationCanceledException || !httpContext.RequestAborted.IsCancellationRequested)
            {
                failed(e);
                httpContext.Abort();
            }
        }
    }
}
