using System.Globalization;
using PaymentOrchestrator.Orchestration.Reconciliation;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Local.Api;

/// <summary>
/// <c>GET /api/sales-units/{msn}/reconciliation?date=yyyy-MM-dd</c>: the stored reconciliation of one ledger date
/// (status, counts, totals in minor units, and each discrepancy with both sides). Same key rules as the payment
/// reads: an API key whose source the sales unit binds.
/// </summary>
internal static partial class LocalApi
{
    /// <summary>The route, local host only for now.</summary>
    public const string ReconciliationRoute = "/api/sales-units/{msn}/reconciliation";

    public static void MapReconciliationApi(this WebApplication app) => app.MapGet(ReconciliationRoute, GetReconciliationAsync);

    private static async Task<IResult> GetReconciliationAsync(
        string msn, string? date, HttpRequest request, ApiKeyAuthenticator keys, SalesUnitStore salesUnits, ReconciliationStore reconciliations,
        CancellationToken cancellationToken)
    {
        var (unit, _, problem) = await AuthorizeQueryAsync(msn, null, request, keys, salesUnits, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var ledgerDate))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "InvalidValue", "Invalid request",
                "Give the ledger date as ?date=yyyy-MM-dd.");
        }

        var day = await reconciliations.GetAsync(unit!.Msn, ledgerDate, cancellationToken);
        return day is null
            ? Problems.Create(StatusCodes.Status404NotFound, "not-reconciled", "Not reconciled",
                $"Sales unit {unit.Msn.Value} has no reconciliation for {ledgerDate:yyyy-MM-dd} yet: the daily job runs once the date has ended, or run 'reconcile --msn {unit.Msn.Value} --date {ledgerDate:yyyy-MM-dd}'.")
            : Results.Ok(day);
    }
}
