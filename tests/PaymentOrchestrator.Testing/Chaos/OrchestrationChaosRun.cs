using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Orchestration.Publishing;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Webhooks;
using PaymentOrchestrator.Testing.Sagas;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Epayment;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Testing.Chaos;

/// <summary>
/// The chaos suite at the orchestration-core level, on the real engine: every input goes in through the hosts'
/// hand-off (<see cref="SagaHandoff"/>, <see cref="WebhookProcessor"/>) and the real saga orchestration runs it on the
/// in-process Durable Task host (<see cref="SagaHarness"/>), while the simulator injects 5xx, 429 with Retry-After and
/// lost responses. The faults a SIGKILL of the host hits only by luck are injected into the activity: it dies right
/// after Vipps answered and before the answer is saved (<see cref="ICommandExecutor"/>), or right after an outcome was
/// sent and before it is marked published (<see cref="IOutcomePublisher"/>); the orchestration's activity retry must
/// repair both with the stored idempotency key and outcome id. (Real kills of the host are the host-level suite's.)
/// A delivery that failed is delivered again (a queue's at-least-once). At the end every saga is checked against its
/// scenario, Vipps' own aggregate and the simulator's counters; every input is applied or refused with its reason.
/// </summary>
public sealed class OrchestrationChaosRun(ChaosOptions options, SimulatorHost simulator) : IChaosTransport
{
    private const int MaxDeliveries = 30;

    private static readonly Uri WebhookUrl = new("https://orchestrator.example/api/vipps/webhooks");

    /// <summary>Not a secret: a fixed value that only this in-process run knows, to sign webhooks the way Vipps does.</summary>
    private const string WebhookSecret = "chaos-webhook-secret-0123456789abcdef";

    private readonly ChaosReport _report = new();
    private readonly OffsetClock _clock = new(options.ClockSpeed);
    private readonly Random _chaosRandom = new(options.Seed);
    private readonly Lock _randomGate = new();
    private ChaosScript? _script;
    private SagaHarness? _harness;

    private SagaHarness Harness => _harness ?? throw new InvalidOperationException("Not started.");

    private ChaosScript Script => _script ?? throw new InvalidOperationException("Not started.");

    public async Task<ChaosReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var admin = simulator.Admin;
        await using var harness = await SagaHarness.StartAsync(
            wrapExecutor: (_, inner) => new CrashingExecutor(inner, this),
            configureServices: services =>
            {
                services.AddHttpClient(VippsServiceCollectionExtensions.HttpClientName).AddHttpMessageHandler(() => new WireCounter(_report));
                services.AddHttpClient(VippsServiceCollectionExtensions.TokenHttpClientName).AddHttpMessageHandler(() => new WireCounter(_report));
                services.AddSingleton<IOutcomePublisher>(sp => new CrashingPublisher(new QueueOutcomePublisher(
                    sp.GetRequiredService<QueueServiceClient>().GetQueueClient(sp.GetRequiredService<IOptions<PaymentOrchestratorOptions>>().Value.PaymentEventsQueue),
                    sp.GetRequiredService<IOptions<PaymentOrchestratorOptions>>()), this));
            },
            settings: new Dictionary<string, string?>
            {
                ["Webhooks:Registrations:0:Url"] = WebhookUrl.ToString(),
                ["Webhooks:Registrations:0:Secret"] = WebhookSecret,
                ["Vipps:Resilience:BaseDelay"] = "00:00:00.020",
            },
            clock: _clock,
            clockSpeed: options.ClockSpeed,
            simulator: simulator);
        _harness = harness;
        _report.ProcessesStarted = 1;
        var runTag = Guid.NewGuid().ToString("N")[..6];
        _script = new ChaosScript(options.Seed, options.DuplicateShare, runTag, admin, this);
        await ChaosScript.RegisterUnitsAsync(harness.SalesUnits, cancellationToken);

        await admin.ClearFaultsAsync(cancellationToken);
        await admin.ResetCountersAsync(cancellationToken);
        await ChaosScript.AddFaultsAsync(admin, options.ErrorRate, options.RateLimitRate, options.LostResponseRate, cancellationToken);

        await Script.RunAllAsync(options.Sagas, options.Concurrency, options.Budget, started, null, cancellationToken);

        await admin.ClearFaultsAsync(cancellationToken);
        await DrainAsync(cancellationToken);
        await VerifyAsync(cancellationToken);
        foreach (var (type, count) in harness.ActivityFailures)
        {
            _report.AbsorbedExceptions["activity retried after " + type] = count;
        }

        _report.Elapsed = started.Elapsed;
        return _report;
    }

    private bool ShouldCrash()
    {
        lock (_randomGate)
        {
            return _chaosRandom.NextDouble() < options.CrashAfterCallRate;
        }
    }

    private void Crashed()
    {
        lock (_report)
        {
            _report.Crashes++;
        }
    }

    /// <summary>
    /// Until every saga is in its end state: let the sagas' time pass faster (backed-off retries and polls come due) and
    /// hand in again every saga with work due by the sagas' clock, as the local host's overdue sweep does — Durable
    /// timers run on real time.
    /// </summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var limit = System.Diagnostics.Stopwatch.StartNew();
        while (limit.Elapsed < options.DrainLimit)
        {
            var unsettled = 0;
            foreach (var saga in Script.Sagas)
            {
                var stored = await Harness.Sagas.LoadAsync(saga.Key, cancellationToken);
                if (ChaosScript.IsSettled(stored, saga))
                {
                    continue;
                }

                unsettled++;
                if (stored is not null && !SagaHarness.IsSettled(stored, _clock.GetUtcNow()))
                {
                    await Harness.SignalAsync(SagaProgress.Resume(saga.Key, stored));
                    _report.SagaWakesDriven++;
                }
            }

            if (unsettled == 0)
            {
                return;
            }

            _clock.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(500, cancellationToken);
        }
    }

    // ---------------------------------------------------------------- transport: deliver now, redeliver until resolved

    public async Task DeliverAsync(LedgerEntry entry, ChaosSaga saga, CancellationToken cancellationToken)
    {
        while (true)
        {
            entry.Deliveries++;
            try
            {
                entry.Outcome = await Harness.SendAsync(entry.Body) switch
                {
                    HandoffReady { Duplicate: true } => "duplicate",
                    HandoffReady => "applied",
                    HandoffRejected rejected => "rejected:" + rejected.Code,
                    var other => "UNKNOWN " + other,
                };
                return;
            }
            catch (Exception e) when (Absorb(e, $"delivery of {entry.Id}", cancellationToken))
            {
                entry.FailedDeliveries++;
                if (entry.Deliveries >= MaxDeliveries)
                {
                    return; // poison: stays unresolved and is reported as a lost message
                }

                await Task.Delay(20, cancellationToken);
            }
        }
    }

    /// <summary>A share of customer actions is also announced by a signed webhook; the rest are found by polling.</summary>
    public async Task CustomerActedAsync(ChaosSaga saga, Random random, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(saga);
        ArgumentNullException.ThrowIfNull(random);
        if (random.NextDouble() >= options.WebhookShare)
        {
            return;
        }

        var name = saga.Scenario switch
        {
            Scenario.CustomerRejects => "epayments.payment.aborted.v1",
            Scenario.CustomerLetsExpire => "epayments.payment.expired.v1",
            _ => "epayments.payment.authorized.v1",
        };
        var body = CloudEvents.PaymentWebhook(saga.Msn, saga.Reference, name, saga.Amount, saga.Currency);
        var entry = new LedgerEntry($"{saga.Reference}-webhook", "webhook", saga.Reference, body, "webhook:applied");
        Script.Ledger.Add(entry);
        while (true)
        {
            entry.Deliveries++;
            try
            {
                var (date, hash, authorization) = WebhookSignature.Sign(entry.Body, WebhookUrl, _clock.GetUtcNow(), WebhookSecret);
                var routed = await Harness.Get<WebhookProcessor>().ProcessAsync(entry.Body, date, hash, authorization, cancellationToken);
                if (routed is WebhookApplied applied)
                {
                    await Harness.SignalAsync(applied.Progress);
                }

                entry.Outcome = routed switch
                {
                    WebhookApplied => "webhook:applied",
                    WebhookIgnored => "webhook:ignored",
                    WebhookUnauthorized unauthorized => "webhook:unauthorized (" + unauthorized.Reason + ")",
                    var other => "webhook:" + other.GetType().Name,
                };
                return;
            }
            catch (Exception e) when (Absorb(e, $"webhook {entry.Id}", cancellationToken))
            {
                entry.FailedDeliveries++;
                if (entry.Deliveries >= MaxDeliveries)
                {
                    return;
                }

                await Task.Delay(20, cancellationToken);
            }
        }
    }

    public async Task<EpaymentState?> WaitForAsync(SagaKey key, Func<EpaymentState, bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(120))
        {
            if ((await Harness.Sagas.LoadAsync(key, cancellationToken))?.State is EpaymentState state && condition(state))
            {
                return state;
            }

            await Task.Delay(100, cancellationToken);
        }

        return null; // the final check reports what the saga is stuck in
    }

    /// <summary>True when a delivery may simply be retried (a queue redelivers); records what it was.</summary>
    private bool Absorb(Exception e, string what, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        if (e is SagaConcurrencyException)
        {
            _report.Count(_report.AbsorbedExceptions, nameof(SagaConcurrencyException));
            return true;
        }

        _report.Count(_report.AbsorbedExceptions, "UNEXPECTED " + e.GetType().Name);
        _report.Unexpected($"{what}: {e.GetType().Name}: {e.Message}");
        return true;
    }

    // ---------------------------------------------------------------- verification

    private async Task VerifyAsync(CancellationToken cancellationToken)
    {
        var counters = await simulator.Admin.GetCountersAsync(cancellationToken);
        _report.IdempotentReplays = counters.IdempotentReplays;
        _report.TokenRequests = counters.TokenRequests;
        await Script.VerifySagasAsync(Harness.Sagas, Harness.Get<VippsEpaymentClient>(), counters, _report, cancellationToken);

        // Every input message: applied (its marker is in the table), recognised as a duplicate, or refused with its reason.
        foreach (var entry in Script.Ledger)
        {
            _report.Messages++;
            _report.Redeliveries += Math.Max(0, entry.Deliveries - 1);
            _report.Count(_report.MessageOutcomes, entry.Outcome ?? "UNRESOLVED");
            var saga = Script.Sagas.First(s => s.Reference == entry.Saga);
            if (entry.Outcome is null)
            {
                _report.Violation($"message {entry.Id} ({entry.Kind}) was never applied nor rejected after {entry.Deliveries} deliveries");
                continue;
            }

            var ok = entry.Expected switch
            {
                // A delivery that failed after its transaction committed comes back as a duplicate: applied once.
                "applied" => entry.Outcome == "applied" || entry.Outcome == "duplicate" && entry.FailedDeliveries > 0,
                _ => entry.Outcome == entry.Expected,
            };
            if (!ok)
            {
                _report.Violation($"message {entry.Id} ({entry.Kind}): {entry.Outcome}, expected {entry.Expected}");
            }

            if (entry.Kind != "webhook" && entry.Outcome is "applied" or "duplicate")
            {
                entry.MarkerFound = await Harness.Sagas.FindAppliedAsync(saga.Key.Msn, CloudEvents.Source, entry.Id, cancellationToken) is not null;
                if (!entry.MarkerFound)
                {
                    _report.Violation($"message {entry.Id} ({entry.Kind}) reported {entry.Outcome} but its applied-event marker is missing");
                }
            }
        }
    }

    /// <summary>The activity dies right after Vipps answered and before the answer is saved (the worst moment).</summary>
    private sealed class CrashingExecutor(ICommandExecutor inner, OrchestrationChaosRun run) : ICommandExecutor
    {
        public async Task<CommandResult> ExecuteAsync(VippsCommand command, CancellationToken cancellationToken = default)
        {
            var result = await inner.ExecuteAsync(command, cancellationToken);
            if (run.ShouldCrash())
            {
                run.Crashed();
                throw new InvalidOperationException("Injected crash: the activity died after Vipps answered and before the result was saved.");
            }

            return result;
        }
    }

    /// <summary>The activity dies right after an outcome was sent and before it is marked published.</summary>
    private sealed class CrashingPublisher(IOutcomePublisher inner, OrchestrationChaosRun run) : IOutcomePublisher
    {
        public async Task PublishAsync(OutgoingEvent outcome, CancellationToken cancellationToken = default)
        {
            await inner.PublishAsync(outcome, cancellationToken);
            if (run.ShouldCrash())
            {
                run.Crashed();
                throw new InvalidOperationException("Injected crash: the activity died after an outcome was sent and before it was marked published.");
            }
        }
    }

    /// <summary>Counts every HTTP attempt to Vipps (inside the client's retries) and the injected faults it sees.</summary>
    private sealed class WireCounter(ChaosReport report) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (report)
            {
                report.VippsAttempts++;
            }

            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                lock (report)
                {
                    switch ((int)response.StatusCode)
                    {
                        case 503:
                            report.Injected5xx++;
                            break;
                        case 500:
                            report.Injected5xx++;
                            report.LostResponsesApplied++;
                            break;
                        case 429:
                            report.Injected429++;
                            break;
                    }
                }

                return response;
            }
            catch (HttpRequestException)
            {
                lock (report)
                {
                    report.DroppedConnections++;
                }

                throw;
            }
        }
    }
}
