using System.Globalization;
using PaymentOrchestrator.VippsSimulator.Accounts;
using PaymentOrchestrator.VippsSimulator.Admin;

namespace PaymentOrchestrator.VippsSimulator.Report;

/// <summary>
/// <c>/simulator/report/…</c>: ledgers, consent, and what reconciliation must catch (a capture made in the portal, a
/// missing entry, an amount off by one øre, a late-closing date).
/// </summary>
internal static class ReportAdminEndpoints
{
    public static void MapReportAdmin(this IEndpointRouteBuilder app)
    {
        var report = app.MapGroup("/simulator/report");

        report.MapGet("/ledgers", (SettlementBook book) => Results.Ok(book.Ledgers()));
        report.MapPut("/ledgers/{ledgerId}", (string ledgerId, LedgerDefinition definition, SettlementBook book) =>
        {
            var (ledger, error) = book.Configure(ledgerId, definition);
            return error is not null ? Results.BadRequest(new AdminError(error)) : Results.Ok(ledger);
        });
        report.MapPost("/ledgers/{ledgerId}/dates/{date}/delay", (string ledgerId, string date, DelayDateRequest request, SettlementBook book) =>
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || request.Seconds < 0)
            {
                return Results.BadRequest(new AdminError("Give the date as YYYY-MM-DD and seconds ≥ 0."));
            }

            return book.Delay(ledgerId, day, TimeSpan.FromSeconds(request.Seconds))
                ? Results.NoContent()
                : Results.NotFound(new AdminError($"No ledger {ledgerId}."));
        });

        report.MapPut("/consents/{clientId}/{msn}", (string clientId, string msn, AccountStore accounts) => Consent(accounts, clientId, msn, granted: true));
        report.MapDelete("/consents/{clientId}/{msn}", (string clientId, string msn, AccountStore accounts) => Consent(accounts, clientId, msn, granted: false));

        report.MapPost("/portal-captures", (PortalCaptureRequest request, SettlementBook book) =>
        {
            var (created, error) = book.AddPortalCapture(request);
            return error is not null ? Results.BadRequest(new AdminError(error)) : Results.Created($"/simulator/report/entries/{created!.PspReference}", created);
        });
        report.MapPost("/entries/{pspReference}/drop", (string pspReference, SettlementBook book) =>
            book.Drop(pspReference) ? Results.NoContent() : Results.NotFound(new AdminError($"No settled capture or refund {pspReference} (or it is already dropped).")));
        report.MapPost("/entries/{pspReference}/adjust", (string pspReference, AdjustEntryRequest? request, SettlementBook book) =>
            book.Adjust(pspReference, request?.Delta ?? 1) ? Results.NoContent() : Results.NotFound(new AdminError($"No settled capture or refund {pspReference}.")));
    }

    private static IResult Consent(AccountStore accounts, string clientId, string msn, bool granted) =>
        accounts.SetReportConsent(clientId, msn, granted) is { } error ? Results.NotFound(new AdminError(error)) : Results.NoContent();
}
