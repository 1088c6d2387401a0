using PaymentOrchestrator.Testing.Sagas;
using PaymentOrchestrator.Orchestration.Tests.Support;
using Azure.Data.Tables;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Orchestration.Tests.Stores;

public sealed class SecretsNotStoredTests
{
    [Fact]
    public async Task no_key_or_token_reaches_table_storage_or_the_outcome_queue()
    {
        await using var h = await SagaHarness.StartAsync();
        var reference = Events.NewReference();
        await h.SendSettledAsync(Events.PaymentRequested(SagaHarness.Msn, reference, 10_000));
        await h.Simulator.Admin.ApprovePaymentAsync(SagaHarness.Msn, reference);
        await h.WakeAsync(SagaHarness.PaymentKey(reference));
        await h.SendSettledAsync(Events.CaptureRequested(SagaHarness.Msn, reference, "ship-1", 10_000));

        var stored = new List<string>();
        var options = h.Get<Microsoft.Extensions.Options.IOptions<PaymentOrchestratorOptions>>().Value;
        foreach (var tableName in new[] { options.PaymentsTable, options.SalesUnitsTable })
        {
            await foreach (var entity in h.Get<TableServiceClient>().GetTableClient(tableName).QueryAsync<TableEntity>())
            {
                stored.AddRange(entity.Select(v => v.Value?.ToString() ?? string.Empty));
            }
        }

        stored.AddRange((await h.EventsQueue.PeekMessagesAsync(32)).Value.Select(m => m.MessageText));
        Assert.True(stored.Count > 20, "the flow should have written rows and outcomes to inspect");
        foreach (var secret in new[] { SimulatorDefaults.PartnerClientSecret, SimulatorDefaults.PartnerSubscriptionKey, "Bearer " })
        {
            Assert.DoesNotContain(stored, value => value.Contains(secret, StringComparison.Ordinal));
        }
    }
}
