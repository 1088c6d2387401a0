using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.EndToEnd.Tests.Support;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Local.Events;
using PaymentOrchestrator.Orchestration.Stores;
using Azure.Storage.Queues.Models;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.EndToEnd.Tests.Resilience;

/// <summary>The host as an operating-system process, killed with SIGKILL (no shutdown code runs) and started again.</summary>
public sealed class KilledHostTests
{
    private const string Msn = TestHost.Msn;

    [Fact]
    public async Task a_host_killed_after_vipps_captured_and_before_it_saved_captures_exactly_once_after_restart()
    {
        var azurite = await SharedAzurite.GetAsync();
        await using var vipps = await SimulatorHost.StartAsync(new SimulatorOptions { RateLimitsEnabled = false });
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var settings = LocalHostProcess.SettingsFor(azurite.ConnectionString, vipps.BaseAddress, suffix);
        settings["Local:Queues:MaxIdleDelay"] = "00:00:00.200";
        settings["Local:Queues:VisibilityTimeout"] = "00:00:05";
        settings["Sagas:Epayment:Polling:FirstDelay"] = "00:00:01";
        settings["Sagas:Epayment:Polling:Interval"] = "00:00:01";
        settings["Sagas:Epayment:Retry:CommandTimeout"] = "00:00:03";
        var port = LocalHostProcess.FreePort();
        var requests = new StorageClients(azurite.ConnectionString).Queues.GetQueueClient(settings["Local:Queues:PaymentRequests"]!);
        var sagas = new SagaStore(new StorageClients(azurite.ConnectionString).Tables.GetTableClient(settings["Orchestrator:PaymentsTable"]!));
        var webshop = new EventFactory(TimeProvider.System, LocalDefaults.WebshopSource);
        var reference = TestHost.NewReference("killed");
        var key = TestHost.PaymentKey(reference);

        var first = await LocalHostProcess.StartAsync(settings, port, TimeSpan.FromSeconds(60));
        await requests.SendMessageAsync(BinaryData.FromBytes(webshop.PaymentRequested(Msn, reference, 30_000, "NOK")));
        await EventuallyAsync(sagas, key, s => s.Status == EpaymentStatus.AwaitingCustomer, first);
        await vipps.Admin.ApprovePaymentAsync(Msn, reference);
        await EventuallyAsync(sagas, key, s => s.Status == EpaymentStatus.Authorized, first);

        // Vipps performs the capture but every answer is lost; the host is killed as soon as Vipps has captured.
        await vipps.Admin.AddFaultAsync(new FaultRule { Route = "epayment.capture", Kind = FaultKind.LostResponse, Status = 500, Count = 1000 });
        await requests.SendMessageAsync(BinaryData.FromBytes(webshop.PaymentCaptureRequested(Msn, reference, "ship-1", 30_000, "NOK")));
        await TestHost.EventuallyAsync(async () => (await vipps.Admin.GetCountersAsync()).CapturesOf(Msn, reference) == 1 ? "captured" : null, "the capture reached Vipps");
        await first.KillAsync();
        Assert.True(first.HasExited);
        await first.DisposeAsync();
        Assert.Equal(0, (await sagas.LoadAsync(key))!.State is EpaymentState s0 ? s0.Aggregate.Captured.MinorUnits : -1);

        await vipps.Admin.ClearFaultsAsync();
        await using var second = await LocalHostProcess.StartAsync(settings, port, TimeSpan.FromSeconds(60));
        var captured = await EventuallyAsync(sagas, key, s => s.Aggregate.Captured.MinorUnits == 30_000, second);

        Assert.Equal(30_000, Assert.Single((await sagas.ListOperationsAsync(key)).Captures).Amount.MinorUnits);
        var counters = await vipps.Admin.GetCountersAsync();
        Assert.Equal(1, counters.CapturesOf(Msn, reference));
        Assert.True(counters.IdempotentReplays > 0, "the re-issued capture reused its idempotency key");
    }

    private static async Task<EpaymentState> EventuallyAsync(SagaStore sagas, Domain.Values.SagaKey key, Func<EpaymentState, bool> condition, LocalHostProcess host)
    {
        EpaymentState? last = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline;)
        {
            if ((await sagas.LoadAsync(key))?.State is EpaymentState state)
            {
                last = state;
                if (condition(state))
                {
                    return state;
                }
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException($"Saga {key} stayed {last?.Status.ToString() ?? "missing"}. Host output:\n{host.RecentOutput}");
    }
}
