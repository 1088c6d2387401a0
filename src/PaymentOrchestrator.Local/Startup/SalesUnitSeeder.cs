using Microsoft.Extensions.Options;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Orchestration.SalesUnits;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Local.Startup;

/// <summary>
/// Registers the configured demo sales unit when the registry is empty, so that a fresh clone works at once — the way
/// <c>sales-units add</c> does (<see cref="SalesUnitRegistry.RegisterAsync"/>): Vipps' Management API is asked first, a
/// unit it does not link to our keys is not seeded, and the name, business identifier and capabilities come from Vipps.
/// </summary>
public sealed class SalesUnitSeeder(SalesUnitStore salesUnits, SalesUnitRegistry registry, IOptions<LocalHostSettings> settings)
{
    /// <summary>
    /// What seeding gave (the unit, or why Vipps would not have it), or null when the registry had a unit already or
    /// seeding is off. A seed that is wrong in configuration (a bad MSN or source) throws: the host cannot start with it.
    /// </summary>
    public async Task<SalesUnitRegistrationResult?> SeedIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        var seed = settings.Value.SeedSalesUnit;
        if (!seed.Enabled || (await salesUnits.ListAsync(cancellationToken)).Count > 0)
        {
            return null;
        }

        var result = await registry.RegisterAsync(
            new SalesUnitRegistrationRequest(seed.Msn, seed.EffectiveSources, seed.Market?.ToString(), seed.KeySetName), cancellationToken);
        return result.Problems.Count > 0
            ? throw new InvalidOperationException("Local:SeedSalesUnit: " + string.Join(" ", result.Problems))
            : result;
    }
}
