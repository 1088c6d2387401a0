using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Management;

namespace PaymentOrchestrator.Orchestration.SalesUnits;

/// <summary>
/// The registry following Vipps: reads both sides (<see cref="CompareAsync"/>), applies what <see cref="SalesUnitSync"/>
/// decided (<see cref="RefreshAsync"/>: the scheduled job, <c>sales-units sync</c>, <c>POST /api/sales-units/sync</c>)
/// and registers a unit Vipps links to our keys (<see cref="RegisterAsync"/>). Each unit is asked for by its MSN
/// (<c>GET /management/v1/sales-units/{msn}</c>): one call per registered or linked unit.
/// </summary>
public sealed partial class SalesUnitRegistry(
    SalesUnitStore store,
    VippsManagementClient vipps,
    IOptions<VippsClientOptions> vippsOptions,
    TimeProvider time,
    ILogger<SalesUnitRegistry> logger)
{
    /// <summary>Our registry and Vipps side by side; writes nothing.</summary>
    public async Task<SalesUnitSyncView> CompareAsync(CancellationToken cancellationToken = default)
    {
        var registered = await store.ListAsync(cancellationToken);
        IReadOnlyList<SalesUnitSummary>? linked = null;
        string? listProblem = null;
        try
        {
            linked = await vipps.ListSalesUnitsAsync(cancellationToken);
        }
        catch (Exception e) when (e is VippsApiException or VippsCredentialException)
        {
            listProblem = "The units linked to our keys could not be listed: " + e.Message;
        }

        var lookups = new Dictionary<string, SalesUnitResult>(StringComparer.Ordinal);
        foreach (var msn in registered.Select(u => u.Msn.Value).Concat((linked ?? []).Select(l => l.Msn)).Distinct(StringComparer.Ordinal))
        {
            lookups[msn] = await LookUpAsync(MerchantSerialNumber.Create(msn), cancellationToken);
        }

        return new SalesUnitSyncView(SalesUnitSync.Compare(registered, linked, lookups, time.GetUtcNow()), listProblem);
    }

    /// <summary>Compares and writes what changed: updates, disables the units Vipps no longer links, enables the re-linked.</summary>
    public async Task<SalesUnitSyncView> RefreshAsync(CancellationToken cancellationToken = default) =>
        await ApplyAsync(await CompareAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// Writes what a comparison decided. Each unit is written only if its row is still as the comparison read it: one
    /// changed meanwhile (disabled by hand while Vipps was asked) keeps that change, and its row in the returned view
    /// says so with no action; the next refresh reads it again.
    /// </summary>
    public async Task<SalesUnitSyncView> ApplyAsync(SalesUnitSyncView view, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        var rows = new List<SalesUnitSyncRow>(view.Rows.Count);
        foreach (var row in view.Rows)
        {
            if (row is not { Registered: { } read, Refreshed: { } refreshed })
            {
                rows.Add(row);
                continue;
            }

            if (await store.SaveIfUnchangedAsync(read, refreshed, cancellationToken) is null)
            {
                LogChangedMeanwhile(row.Msn, row.Action);
                rows.Add(row with { Action = SalesUnitSyncAction.None, Refreshed = null, Note = ChangedMeanwhileNote(row.Action) });
                continue;
            }

            LogChanged(row.Msn, row.Action, row.Note);
            Telemetry.OrchestratorTelemetry.SalesUnitChanged(row.Msn, row.Action.ToString());
            rows.Add(row);
        }

        var applied = view with { Rows = rows };
        LogRefreshed(rows.Count, applied.Count(SalesUnitSyncAction.Update), applied.Count(SalesUnitSyncAction.Disable), applied.Count(SalesUnitSyncAction.Enable),
            rows.Count(r => r.Status == SalesUnitSyncStatus.NotRead), rows.Count(r => r.Status == SalesUnitSyncStatus.NewAtVipps));
        return applied;
    }

    private static string ChangedMeanwhileNote(SalesUnitSyncAction skipped) =>
        $"Changed in the registry while Vipps was asked; left as it is now ({skipped.ToString().ToLowerInvariant()} not written). The next refresh reads it again.";

    /// <summary>
    /// Registers (or replaces) a unit as <c>sales-units add</c> always has: the MSN and each source's rights checked,
    /// then Vipps asked — a unit it does not show to our keys is refused and no row is written — then the name,
    /// business identifier and capabilities taken from its answer.
    /// </summary>
    public async Task<SalesUnitRegistrationResult> RegisterAsync(SalesUnitRegistrationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<string>();
        var msn = Msn.Create(request.Msn);
        if (!msn.IsValid)
        {
            problems.Add("msn: " + msn.Error);
        }

        Validated<Market>? market = request.Market is null ? null : Markets.Parse(request.Market);
        if (market is { IsValid: false })
        {
            problems.Add(market.Value.Error!);
        }

        var (bound, rights) = SourceBindings.Parse(request.Sources);
        problems.AddRange(bound.Where(s => !rights.ContainsKey(s)).Select(s =>
            $"sources: name what {s} may do, e.g. {s}:payments,captures (rights: {SourceRightsRules.AllNames})."));
        var keySet = request.KeySetName ?? vippsOptions.Value.PartnerKeySet ?? string.Empty;
        if (problems.Count > 0)
        {
            return SalesUnitRegistrationResult.Invalid(problems);
        }

        switch (await LookUpAsync(MerchantSerialNumber.Create(msn.Value.Value), cancellationToken))
        {
            case SalesUnitUnavailable { NotLinked: true }:
                return new SalesUnitRegistrationResult(null, [], $"Refused: sales unit {msn.Value} is not linked to our partner keys at Vipps (or does not exist); nothing was registered. The merchant links it to the partner in the business portal.");
            case SalesUnitUnavailable:
                return new SalesUnitRegistrationResult(null, [], $"Refused: Vipps knows no sales unit {msn.Value}; nothing was registered.");
            case SalesUnitLookupFailed failed:
                return new SalesUnitRegistrationResult(null, [], VippsUnreachable: failed.Reason);
            case SalesUnitFound { SalesUnit: var details }:
                var derived = market?.Value ?? MarketOf(details.BusinessIdentifier);
                if (derived is null)
                {
                    return SalesUnitRegistrationResult.Invalid([$"market: Vipps does not say the country of sales unit {msn.Value}; give Norway (NO), Denmark (DK) or Finland (FI)."]);
                }

                var registration = new SalesUnitRegistration(msn.Value, details.Name, derived.Value, request.Environment ?? vippsOptions.Value.Environment, keySet,
                    bound, SalesUnitStatus.Active, rights, details.BusinessIdentifier, details.Configuration);
                if (registration.Validate() is { Count: > 0 } invalid)
                {
                    return SalesUnitRegistrationResult.Invalid(invalid);
                }

                await store.CreateTableIfNotExistsAsync(cancellationToken);
                var unit = await store.RegisterAsync(registration, cancellationToken);
                LogRegistered(unit.Msn.Value, unit.Name, string.Join(", ", unit.AllowedSources));
                return new SalesUnitRegistrationResult(unit, []);
            default:
                throw new InvalidOperationException("Unknown sales-unit lookup result.");
        }
    }

    /// <summary>
    /// The market the merchant's business identifier names (<c>business:NO:ORG</c> → Norway): Vipps gives no country
    /// for a sales unit itself, so a unit of another market than its merchant's must be given its market.
    /// </summary>
    public static Market? MarketOf(BusinessIdentifier? businessIdentifier) =>
        businessIdentifier?.Scheme.Split(':') is [_, var country, ..] && Markets.Parse(country) is { IsValid: true } market ? market.Value : null;

    private async Task<SalesUnitResult> LookUpAsync(MerchantSerialNumber msn, CancellationToken cancellationToken)
    {
        try
        {
            return await vipps.GetSalesUnitAsync(msn, cancellationToken);
        }
        catch (Exception e) when (e is VippsApiException or VippsCredentialException)
        {
            return new SalesUnitLookupFailed(msn, e.Message);
        }
    }

    [LoggerMessage(EventId = 4620, Level = LogLevel.Information, Message = "Sales units refreshed from Vipps: {Count} compared, {Updated} updated, {Disabled} disabled as no longer linked, {Enabled} enabled as linked again, {NotRead} not read, {New} new at Vipps (not registered)")]
    private partial void LogRefreshed(int count, int updated, int disabled, int enabled, int notRead, int @new);

    [LoggerMessage(EventId = 4621, Level = LogLevel.Warning, Message = "Sales unit {Msn}: {Action}: {Note}")]
    private partial void LogChanged(string msn, SalesUnitSyncAction action, string note);

    [LoggerMessage(EventId = 4625, Level = LogLevel.Warning, Message = "Sales unit {Msn}: {Action} not written: its row changed while Vipps was asked; the next refresh reads it again")]
    private partial void LogChangedMeanwhile(string msn, SalesUnitSyncAction action);

    [LoggerMessage(EventId = 4622, Level = LogLevel.Information, Message = "Sales unit {Msn} '{Name}' registered for {Sources}")]
    private partial void LogRegistered(string msn, string name, string sources);
}
