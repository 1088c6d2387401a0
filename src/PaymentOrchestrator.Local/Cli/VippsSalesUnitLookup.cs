using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Management;

namespace PaymentOrchestrator.Local.Cli;

/// <summary>
/// What <c>sales-units add</c> asks Vipps before it writes a row: the unit as the Management API describes it to our
/// keys (the configured ones, or the simulator's that <c>run</c> starts), or the one line saying why it cannot be
/// registered.
/// </summary>
internal static class VippsSalesUnitLookup
{
    public static async Task<(SalesUnitDetails? Unit, string? Refusal)> LookUpAsync(IReadOnlyList<string> args, Msn msn, CancellationToken cancellationToken)
    {
        var (configuration, simulator) = CliVipps.Configuration(args);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddVippsClient(configuration);
        await using var provider = services.BuildServiceProvider();
        try
        {
            var result = await provider.GetRequiredService<VippsManagementClient>().GetSalesUnitAsync(MerchantSerialNumber.Create(msn.Value), cancellationToken);
            return result switch
            {
                SalesUnitFound found => (found.SalesUnit, null),
                SalesUnitUnavailable { NotLinked: true } => (null, $"Refused: sales unit {msn} is not linked to our partner keys at Vipps (or does not exist); nothing was registered. The merchant links it to the partner in the business portal."),
                _ => (null, $"Refused: Vipps knows no sales unit {msn}; nothing was registered."),
            };
        }
        catch (VippsCredentialException e)
        {
            return (null, "Refused: " + e.Message);
        }
        catch (OptionsValidationException e)
        {
            return (null, "Vipps configuration: " + e.Message);
        }
        catch (VippsApiException e)
        {
            var where = simulator is null ? "Vipps" : $"the Vipps simulator at {simulator} (start the host first: run)";
            return (null, $"Not registered: could not ask {where} about sales unit {msn}: {e.Message}");
        }
    }
}
