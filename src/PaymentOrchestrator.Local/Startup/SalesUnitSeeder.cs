using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Vipps;

namespace PaymentOrchestrator.Local.Startup;

/// <summary>Registers the configured demo sales unit when the registry is empty, so that a fresh clone works at once.</summary>
public sealed class SalesUnitSeeder(SalesUnitStore salesUnits, IOptions<LocalHostSettings> settings, IOptions<VippsClientOptions> vipps)
{
    /// <summary>The seeded sales unit, or null when the registry had one already (or seeding is off).</summary>
    public async Task<SalesUnit?> SeedIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        var seed = settings.Value.SeedSalesUnit;
        if (!seed.Enabled || (await salesUnits.ListAsync(cancellationToken)).Count > 0)
        {
            return null;
        }

        var msn = Msn.Create(seed.Msn);
        if (!msn.IsValid)
        {
            throw new InvalidOperationException($"Local:SeedSalesUnit:Msn: {msn.Error}");
        }

        var (sources, rights) = SourceBindings.Parse(seed.EffectiveSources);
        var registration = new SalesUnitRegistration(msn.Value, seed.Name, seed.Market, vipps.Value.Environment, seed.KeySetName, sources,
            SalesUnitStatus.Active, rights);
        if (registration.Validate() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException("Local:SeedSalesUnit: " + string.Join(" ", problems));
        }

        return await salesUnits.UpsertAsync(registration, cancellationToken);
    }
}
