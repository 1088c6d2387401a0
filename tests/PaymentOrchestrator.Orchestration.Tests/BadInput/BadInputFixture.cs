using PaymentOrchestrator.Testing.Sagas;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Tests.Support;
using PaymentOrchestrator.Orchestration.Webhooks;
using Azure.Data.Tables;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Orchestration.Tests.BadInput;

/// <summary>
/// One orchestrator (the shared <see cref="SagaHarness"/>) with a known world for the corpus to attack:
/// sales unit 123456 (NOK) bound to webshop/acme; 223344 (DKK) bound to webshop/acme but disabled; 334455 (EUR) bound
/// only to webshop/other; one payment authorized for 10,000, captured 2,000 (capture id ship-1) and refunded 500
/// (refund id ret-1); one webhook registration.
/// </summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    public const string Msn = SagaHarness.Msn;
    public const long Authorized = 10_000;
    public static readonly Uri WebhookUrl = new("https://orchestrator.example/api/vipps/webhooks");
    public const string WebhookSecret = "bad-input-webhook-secret-0123456789";

    private SagaHarness? _harness;

    internal SagaHarness Harness => _harness ?? throw new InvalidOperationException("Not started.");

    /// <summary>A disabled sales unit bound only to another source: it must answer as an unknown one would.</summary>
    public const string ForeignDisabledMsn = "445566";

    /// <summary>The reference of the authorized, partly captured and refunded payment.</summary>
    public string Reference { get; } = Events.NewReference("bad");

    /// <summary>The id of the event that requested <see cref="Reference"/> (for replays).</summary>
    public string RequestEventId { get; } = "bad-input-request-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        _harness = await SagaHarness.StartAsync();
        var h = _harness;
        await h.RegisterAsync(SimulatorDefaults.DenmarkMsn, Market.Denmark, SalesUnitStatus.Disabled, Events.Source);
        await h.RegisterAsync(SimulatorDefaults.FinlandMsn, Market.Finland, SalesUnitStatus.Active, "webshop/other");
        await h.RegisterAsync(ForeignDisabledMsn, Market.Norway, SalesUnitStatus.Disabled, "webshop/other");
        h.Get<WebhookSecrets>().Add(WebhookUrl, new Secret(WebhookSecret));

        await h.SendSettledAsync(Events.PaymentRequested(Msn, Reference, Authorized, id: RequestEventId));
        await h.Simulator.Admin.ApprovePaymentAsync(Msn, Reference);
        var authorized = await h.Handoff.SignalAsync(SagaHarness.PaymentKey(Reference), new WebhookReceived("epayments.payment.authorized.v1"));
        await h.SignalAsync(authorized!.Progress);
        await h.SettledAsync(SagaHarness.PaymentKey(Reference));
        await h.SendSettledAsync(Events.CaptureRequested(Msn, Reference, "ship-1", 2_000));
        await h.SendSettledAsync(Events.RefundRequested(Msn, Reference, "ret-1", 500));
    }

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    /// <summary>Every row of the payments and sales-unit tables with its ETag.</summary>
    internal async Task<Dictionary<string, string>> SnapshotAsync()
    {
        var options = Harness.Get<IOptions<PaymentOrchestratorOptions>>().Value;
        var tables = Harness.Get<TableServiceClient>();
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { options.PaymentsTable, options.SalesUnitsTable })
        {
            await foreach (var row in tables.GetTableClient(name).QueryAsync<TableEntity>())
            {
                rows[$"{name}/{row.PartitionKey}/{row.RowKey}"] = row.ETag.ToString();
            }
        }

        return rows;
    }

    internal SagaKey PaymentKey => SagaHarness.PaymentKey(Reference);

    internal T Get<T>() where T : notnull => Harness.Get<T>();
}
