using System.Globalization;
using PaymentOrchestrator.Orchestration.Intake;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Api;

/// <summary>Reconciling a ledger date now, for a key whose source has the <see cref="SourceRights.Reconciles"/> right.</summary>
public sealed partial class PaymentOrchestratorApi
{
    /// <summary>
    /// <c>POST /api/sales-units/{msn}/reconciliation/run?date=yyyy-MM-dd</c>: reconciles the ledger date now (as the daily
    /// job would) and answers the day. 403 without the <c>reconciles</c> right; 400 for a date that has not ended or is
    /// before the sales unit's first reconcilable date; 404 as the list for a sales unit the key may not see.
    /// </summary>
    public Task<IResult> ReconcileNowAsync(HttpRequest request, string msn, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
        {
            var (unit, _, problem) = await AuthorizeQueryAsync(request, msn, null, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            var caller = Authenticate(request)!;
            if (!unit!.May(caller.Source, SourceRights.Reconciles))
            {
                return Problems.Create(StatusCodes.Status403Forbidden, IntakeRejectionCodes.SourceNotPermitted, "Not allowed for this source",
                    $"This API key acts as '{caller.Source}', which may not run a reconciliation of sales unit {unit.Msn.Value} (that needs the reconciles right; it may: {SourceRightsRules.Format(unit.RightsOf(caller.Source))}).");
            }

            if (!DateOnly.TryParseExact(Query(request, "date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return Invalid("Give the ledger date as ?date=yyyy-MM-dd.");
            }

            var (first, last) = reconciliation.ReconcilableDates(unit);
            if (date < first || date > last)
            {
                return Invalid(last < first
                    ? $"Sales unit {unit.Msn.Value} has no ledger date that has ended yet: the first is {first:yyyy-MM-dd}."
                    : $"Sales unit {unit.Msn.Value} can be reconciled from {first:yyyy-MM-dd} to {last:yyyy-MM-dd} (a date is reconciled once it has ended).");
            }

            LogReconcileNow(unit.Msn.Value, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), caller.Name, caller.Source);
            return ApiJson.Ok(await reconciliation.ReconcileAsync(unit.Msn, date, cancellationToken));
        });

    /// <summary>What the console shows for reconciling the sales unit: the dates it can reconcile and whether the key may run one.</summary>
    private object ReconciliationFacts(SalesUnit unit, ApiCaller caller)
    {
        var (first, last) = reconciliation.ReconcilableDates(unit);
        return new
        {
            firstDate = first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            latestDate = last < first ? null : last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            mayRun = unit.May(caller.Source, SourceRights.Reconciles),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation of {Msn} for {LedgerDate} run by {KeyName} ({Source})")]
    private partial void LogReconcileNow(string msn, string ledgerDate, string keyName, string source);
}
