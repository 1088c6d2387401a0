using System.Globalization;
using PaymentOrchestrator.VippsSimulator.Accounts;
using PaymentOrchestrator.VippsSimulator.Infrastructure;

namespace PaymentOrchestrator.VippsSimulator.Report;

/// <summary>
/// The Report API (report-v2.yaml): <c>GET /settlement/v1/ledgers</c>, <c>GET /report/v2/ledgers/{ledgerId}/{topic}/dates/{ledgerDate}</c>
/// and <c>GET /report/v2/ledgers/{ledgerId}/{topic}/feed</c>. Not in Test mode: Vipps has no settlements in its test
/// environment (vipps-api-notes §1).
/// </summary>
internal static class ReportEndpoints
{
    public static void MapReport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/settlement/v1/ledgers", (HttpContext context, string? settlesForRecipientHandles, string? cursor, ApiAuthenticator auth, SettlementBook book, SimulatorSettings settings, Problems problems) =>
            {
                if (Refuse(context, auth, settings, problems, out var keySet) is { } refused)
                {
                    return refused;
                }

                int offset;
                try
                {
                    offset = SettlementBook.DecodeCursor<OffsetCursor>(cursor)?.Offset ?? 0;
                    settlesForRecipientHandles = SettlementBook.DecodeCursor<OffsetCursor>(cursor)?.Handle ?? settlesForRecipientHandles;
                }
                catch (FormatException e)
                {
                    return problems.Create(ApiFamily.Report, 400, "Bad Request", e.Message, context.Request.Path);
                }

                var ledgers = book.VisibleLedgers(keySet!, settlesForRecipientHandles);
                var page = ledgers.Skip(offset).Take(book.PageSize).ToList();
                var next = offset + page.Count < ledgers.Count ? SettlementBook.EncodeCursor(new OffsetCursor(offset + page.Count, settlesForRecipientHandles)) : null;
                return ApiResponse.Json(200, new LedgerListResponse(next, page));
            })
            .Operation("report.ledgers");

        app.MapGet("/report/v2/ledgers/{ledgerId}/{topic}/dates/{ledgerDate}", (HttpContext context, string ledgerId, string topic, string ledgerDate, string? cursor, ApiAuthenticator auth, SettlementBook book, SimulatorSettings settings, Problems problems) =>
            {
                if (Refuse(context, auth, settings, problems, out var keySet) is { } refused)
                {
                    return refused;
                }

                if (CheckLedger(context, ledgerId, topic, keySet!, book, problems) is { } bad)
                {
                    return bad;
                }

                if (!DateOnly.TryParseExact(ledgerDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return problems.Create(ApiFamily.Report, 400, "Bad Request", $"'{ledgerDate}' is not a date in the format YYYY-MM-DD.", context.Request.Path);
                }

                int offset;
                try
                {
                    offset = SettlementBook.DecodeCursor<OffsetCursor>(cursor)?.Offset ?? 0;
                }
                catch (FormatException e)
                {
                    return problems.Create(ApiFamily.Report, 400, "Bad Request", e.Message, context.Request.Path);
                }

                var (over, closed, entries) = book.Date(ledgerId, topic == "funds", date);
                if (!over)
                {
                    // report-v2.yaml: "interpret HTTP 404 as a signal to try again later".
                    return problems.Create(ApiFamily.Report, 404, "Not Found", $"The report for {ledgerDate} is not available yet: the ledger date has not ended.", context.Request.Path);
                }

                if (!closed)
                {
                    return ApiResponse.Json(200, new ReportPageResponse(null, false, true, []));
                }

                var page = entries.Skip(offset).Take(book.PageSize).ToList();
                var more = offset + page.Count < entries.Count;
                return ApiResponse.Json(200, new ReportPageResponse(more ? SettlementBook.EncodeCursor(new OffsetCursor(offset + page.Count, null)) : null, more, false, page));
            })
            .Operation("report.dates");

        app.MapGet("/report/v2/ledgers/{ledgerId}/{topic}/feed", (HttpContext context, string ledgerId, string topic, string? cursor, ApiAuthenticator auth, SettlementBook book, SimulatorSettings settings, Problems problems) =>
            {
                if (Refuse(context, auth, settings, problems, out var keySet) is { } refused)
                {
                    return refused;
                }

                if (CheckLedger(context, ledgerId, topic, keySet!, book, problems) is { } bad)
                {
                    return bad;
                }

                FeedCursor? after;
                try
                {
                    after = SettlementBook.DecodeCursor<FeedCursor>(cursor);
                }
                catch (FormatException e)
                {
                    return problems.Create(ApiFamily.Report, 400, "Bad Request", e.Message, context.Request.Path);
                }

                var feed = book.Feed(ledgerId, topic == "funds");
                var fresh = after is null
                    ? feed
                    : feed.Where(e => e.Time.UtcTicks > after.Ticks || (e.Time.UtcTicks == after.Ticks && string.CompareOrdinal(e.Entry.PspReference, after.PspReference) > 0)).ToList();
                var page = fresh.Take(book.PageSize).ToList();

                // At the end of the feed the cursor stays, items are empty and tryLater asks for a pause.
                var next = page.Count == 0 ? cursor ?? SettlementBook.EncodeCursor(new FeedCursor(0, "")) : SettlementBook.EncodeCursor(new FeedCursor(page[^1].Time.UtcTicks, page[^1].Entry.PspReference));
                return ApiResponse.Json(200, new ReportPageResponse(next, null, page.Count < book.PageSize, page.Select(p => p.Entry).ToList()));
            })
            .Operation("report.feed");
    }

    private static ApiResponse? Refuse(HttpContext context, ApiAuthenticator auth, SimulatorSettings settings, Problems problems, out KeySet? keySet)
    {
        keySet = null;
        if (settings.Mode == SimulatorMode.Test)
        {
            return problems.Create(ApiFamily.Report, 404, "Not Found", "The Report API is not available in the test environment: there are no settlements in test.", context.Request.Path);
        }

        (keySet, var error) = auth.AuthenticateReport(context);
        return error;
    }

    private static ApiResponse? CheckLedger(HttpContext context, string ledgerId, string topic, KeySet keySet, SettlementBook book, Problems problems)
    {
        if (topic is not ("funds" or "fees"))
        {
            return problems.Create(ApiFamily.Report, 400, "Bad Request", $"Unknown topic '{topic}': use funds or fees.", context.Request.Path);
        }

        // An unknown ledger and one the keys may not read answer alike, so ledger ids cannot be probed.
        return book.CanRead(keySet, ledgerId)
            ? null
            : problems.Create(ApiFamily.Report, 403, "Forbidden", $"These API keys have no access to ledger {ledgerId}: the merchant has not granted access to its settlements.", context.Request.Path);
    }

    private sealed record OffsetCursor(int Offset, string? Handle);

    private sealed record FeedCursor(long Ticks, string PspReference);
}
