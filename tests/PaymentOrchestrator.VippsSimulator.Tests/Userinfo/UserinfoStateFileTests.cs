using System.Net;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Userinfo;

public sealed class UserinfoStateFileTests
{
    [Fact]
    public async Task a_restarted_simulator_keeps_consents_and_their_withdrawal()
    {
        var folder = Directory.CreateTempSubdirectory("po-sim-userinfo-").FullName;
        try
        {
            var file = Path.Combine(folder, "state.json");
            string kept, withdrawn;
            await using (var first = await SimulatorHost.StartAsync(new SimulatorOptions { StateFile = file, RateLimitsEnabled = false }))
            {
                using var caller = VippsCaller.Partner(first);
                kept = await Profiles.SharedSubAsync(first, caller, "name");
                using var denmark = VippsCaller.Partner(first, SimulatorDefaults.DenmarkMsn);
                withdrawn = await Profiles.SharedSubAsync(first, denmark, "email");
                await first.Admin.WithdrawUserinfoConsentAsync(SimulatorDefaults.DenmarkMsn, withdrawn);
            }

            await using var second = await SimulatorHost.StartAsync(new SimulatorOptions { StateFile = file, RateLimitsEnabled = false });
            using var again = VippsCaller.Partner(second);
            using var againDenmark = VippsCaller.Partner(second, SimulatorDefaults.DenmarkMsn);

            Assert.NotNull((await Profiles.ClaimsAsync(again, kept))["name"]);
            using var gone = await Profiles.ReadAsync(againDenmark, withdrawn);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
