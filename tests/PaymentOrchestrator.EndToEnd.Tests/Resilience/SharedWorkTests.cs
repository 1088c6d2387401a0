using Azure.Data.Tables;
using PaymentOrchestrator.EndToEnd.Tests.Support;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.EndToEnd.Tests.Resilience;

/// <summary>Several local hosts on one storage account share the sagas, as Durable workers of one app do.</summary>
public sealed class SharedWorkTests
{
    private const string Msn = TestHost.Msn;

    [Fact]
    public async Task two_hosts_on_one_azurite_split_the_partitions_and_complete_every_saga_with_one_capture_each()
    {
        await using var vipps = await SimulatorHost.StartAsync(new SimulatorOptions { RateLimitsEnabled = false });
        var settings = new Dictionary<string, string?>
        {
            ["Local:Simulator:Enabled"] = "false",
            ["Local:Webhooks:Register"] = "false",
            ["Local:Durable:PartitionCount"] = "2",
            ["Local:Durable:LeaseInterval"] = "00:00:06",
            ["Local:Durable:WorkerId"] = "host-a",
        };
        foreach (var (key, value) in SimulatorVippsSettings.For(vipps.BaseAddress))
        {
            settings[key] = value;
        }

        await using var a = await TestHost.StartAsync(settings);
        settings["Local:Durable:WorkerId"] = "host-b";
        await using var b = await TestHost.StartAsync(settings, a.Suffix);
        var references = Enumerable.Range(0, 8).Select(i => TestHost.NewReference("shared" + i)).ToList();

        foreach (var (reference, i) in references.Select((r, i) => (r, i)))
        {
            var host = i % 2 == 0 ? a : b;
            await host.SendAsync(host.PaymentRequests, host.Webshop.PaymentRequested(Msn, reference, 10_000 + i, "NOK"));
        }

        foreach (var reference in references)
        {
            await a.EventuallyAsync(TestHost.PaymentKey(reference), v => v.Summary.Status == "AwaitingCustomer", "AwaitingCustomer");
            await vipps.Admin.ApprovePaymentAsync(Msn, reference);
        }

        foreach (var (reference, i) in references.Select((r, i) => (r, i)))
        {
            await b.EventuallyAsync(TestHost.PaymentKey(reference), v => v.Summary.Status == "Authorized", "Authorized");
            var host = i % 2 == 0 ? b : a;
            await host.SendAsync(host.PaymentRequests, host.Webshop.PaymentCaptureRequested(Msn, reference, "ship-1", 10_000 + i, "NOK"));
        }

        foreach (var (reference, i) in references.Select((r, i) => (r, i)))
        {
            await a.EventuallyAsync(TestHost.PaymentKey(reference), v => v.Summary.CapturedMinorUnits == 10_000 + i, "captured");
        }

        // Each host owns one of the task hub's two control-queue partitions (the backend's partition table).
        var partitions = new StorageClients(a.SettingsUsed["Storage:ConnectionString"]!).Tables
            .GetTableClient(a.Settings.Durable.TaskHub + "Partitions");
        var owners = await TestHost.EventuallyAsync(async () =>
        {
            var current = new List<string>();
            await foreach (var row in partitions.QueryAsync<TableEntity>())
            {
                current.Add(row.GetString("CurrentOwner") ?? "none");
            }

            return current.Order(StringComparer.Ordinal).SequenceEqual(["host-a", "host-b"]) ? current : null;
        }, "each host owns one partition");

        Assert.Equal(2, owners.Count);
        var counters = await vipps.Admin.GetCountersAsync();
        Assert.All(references, r => Assert.Equal(1, counters.CapturesOf(Msn, r)));
    }
}
