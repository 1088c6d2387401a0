using System.Net;
using PaymentOrchestrator.VippsSimulator.Tests.Support;

namespace PaymentOrchestrator.VippsSimulator.Tests.Accounts;

public sealed class SeedTests
{
    [Fact]
    public async Task a_seed_file_adds_sales_units_and_key_sets()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sim-seed-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            {
              "salesUnits": [ { "msn": "778899", "country": "DK" } ],
              "keySets": [ { "type": "Merchant", "clientId": "seed-client", "clientSecret": "seed-secret",
                             "primarySubscriptionKey": "seed-sub", "msn": "778899" } ]
            }
            """);
        try
        {
            await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { SeedFile = file, RateLimitsEnabled = false });
            using var caller = new VippsCaller(host, "seed-client", "seed-secret", "seed-sub", "778899");

            var reference = await Payments.CreateAsync(caller, 500, "DKK");

            Assert.Equal("DKK", (await Payments.GetAsync(caller, reference))["amount"]!["currency"]!.GetValue<string>());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task without_the_default_seed_the_default_keys_do_not_exist()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { UseDefaultSeed = false });
        using var caller = VippsCaller.Partner(host);

        using var response = await caller.RequestTokenAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task options_bind_from_the_simulator_configuration_section()
    {
        await using var app = SimulatorApplication.Create(["--Simulator:Mode", "Test", "--Simulator:PaymentExpiry", "00:02:00", "--urls", "http://127.0.0.1:0"]);
        var options = app.Services.GetService(typeof(SimulatorOptions)) as SimulatorOptions;

        Assert.Equal(SimulatorMode.Test, options!.Mode);
        Assert.Equal(TimeSpan.FromMinutes(2), options.PaymentExpiry);
    }

    [Fact]
    public async Task an_injected_time_provider_drives_expiry()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { TimeProvider = time, RateLimitsEnabled = false, TokenLifetime = TimeSpan.FromDays(1) });
        using var caller = VippsCaller.Partner(host);
        var reference = await Payments.CreateAsync(caller);

        time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal("EXPIRED", (await Payments.GetAsync(caller, reference))["state"]!.GetValue<string>());
    }
}
