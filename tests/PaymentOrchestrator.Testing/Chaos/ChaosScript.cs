using System.Collections.Concurrent;
using System.Globalization;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Epayment;
using PaymentOrchestrator.VippsSimulator;
using Market = PaymentOrchestrator.Domain.Values.Market;

namespace PaymentOrchestrator.Testing.Chaos;

/// <summary>One saga of a chaos run: its scenario and the state it must end in.</summary>
public sealed record ChaosSaga(SagaKey Key, string Reference, string Msn, string Currency, Scenario Scenario, long Amount, Expected Expected);

/// <summary>
/// How a chaos run reaches the system under test: the in-process core (deliver = process now, and redeliver until it
/// resolves) or the host as an OS process (deliver = put on its queue). The scenario script is the same for both.
/// </summary>
public interface IChaosTransport
{
    /// <summary>Delivers one input message of <paramref name="saga"/>.</summary>
    Task DeliverAsync(LedgerEntry entry, ChaosSaga saga, CancellationToken cancellationToken);

    /// <summary>Called after the simulated customer acted on the payment (the core announces some by a signed webhook).</summary>
    Task CustomerActedAsync(ChaosSaga saga, Random random, CancellationToken cancellationToken);

    /// <summary>The saga's state once it satisfies <paramref name="condition"/>; null when it does not within the wait limit.</summary>
    Task<EpaymentState?> WaitForAsync(SagaKey key, Func<EpaymentState, bool> condition, CancellationToken cancellationToken);
}

/// <summary>The scenario scripts of the chaos suite and the book of what they started and sent.</summary>
public sealed class ChaosScript(int seed, double duplicateShare, string runTag, SimulatorAdminClient admin, IChaosTransport transport)
{
    /// <summary>The sales units of a run: one per market the simulator links to the partner.</summary>
    public static readonly (string Msn, string Currency, Market Market)[] Units =
    [
        (SimulatorDefaults.NorwayMsn, "NOK", Market.Norway),
        (SimulatorDefaults.DenmarkMsn, "DKK", Market.Denmark),
        (SimulatorDefaults.FinlandMsn, "EUR", Market.Finland),
    ];

    private readonly ConcurrentDictionary<Scenario, int> _scenarios = new();

    /// <summary>Sagas whose script stopped because a state it waited for did not come within the transport's wait limit.</summary>
    private readonly ConcurrentDictionary<SagaKey, string> _gaveUp = new();

    public ConcurrentBag<ChaosSaga> Sagas { get; } = [];

    public ConcurrentBag<LedgerEntry> Ledger { get; } = [];

    public IReadOnlyDictionary<Scenario, int> ScenarioCounts => _scenarios;

    /// <summary>Registers the run's sales units (allowed source: the chaos webshop).</summary>
    public static async Task RegisterUnitsAsync(SalesUnitStore salesUnits, CancellationToken cancellationToken)
    {
        foreach (var (msn, _, market) in Units)
        {
            await salesUnits.RegisterAsync(new SalesUnitRegistration(
                Msn.Create(msn).Value, "Chaos shop " + msn, market, VippsEnvironment.Production, "partner", [CloudEvents.Source]), cancellationToken);
        }
    }

    /// <summary>
    /// Adds the run's faults on every Vipps API route. The simulator applies the first matching rule, so each rule
    /// carries its rate conditional on the ones before it missing; the lost responses are half 500, half dropped.
    /// </summary>
    public static async Task AddFaultsAsync(SimulatorAdminClient admin, double errorRate, double rateLimitRate, double lostResponseRate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var lostHalf = lostResponseRate / 2;
        var shares = new (FaultRule Rule, double Share)[]
        {
            (new FaultRule { Route = "*", Kind = FaultKind.Error, Status = 503 }, errorRate),
            (new FaultRule { Route = "*", Kind = FaultKind.RateLimit, RetryAfterSeconds = 1 }, rateLimitRate),
            (new FaultRule { Route = "*", Kind = FaultKind.LostResponse, Status = 500 }, lostHalf),
            (new FaultRule { Route = "*", Kind = FaultKind.LostResponse, Status = 0 }, lostHalf),
        };
        var remaining = 1.0;
        foreach (var (rule, share) in shares)
        {
            if (share <= 0)
            {
                continue;
            }

            rule.Rate = Math.Min(1.0, share / remaining);
            remaining -= share;
            await admin.AddFaultAsync(rule, cancellationToken);
        }
    }

    /// <summary>The state a scenario must end in.</summary>
    public static Expected ExpectedFor(Scenario scenario, long amount)
    {
        var partial = amount * 2 / 5;
        return scenario switch
        {
            Scenario.FullCapture or Scenario.OverCaptureRejectedThenCapture => new(EpaymentStatus.Authorized, amount, amount, 0, 0, 1, 0, 0),
            Scenario.TwoCaptures => new(EpaymentStatus.Authorized, amount, amount, 0, 0, 2, 0, 0),
            Scenario.CaptureThenRefund => new(EpaymentStatus.Authorized, amount, amount, amount / 3, 0, 1, 1, 0),
            Scenario.PartialCaptureThenCancel => new(EpaymentStatus.Authorized, amount, partial, 0, amount - partial, 1, 0, 1),
            Scenario.CancelAuthorized => new(EpaymentStatus.Authorized, amount, 0, 0, amount, 0, 0, 1),
            Scenario.CustomerRejects => new(EpaymentStatus.Aborted, 0, 0, 0, 0, 0, 0, 0),
            Scenario.CustomerLetsExpire => new(EpaymentStatus.Expired, 0, 0, 0, 0, 0, 0, 0),
            _ => new(EpaymentStatus.Terminated, 0, 0, 0, 0, 0, 0, 1),
        };
    }

    /// <summary>True when the saga's row is in its scenario's end state and every outcome of it is published.</summary>
    public static bool IsSettled(StoredSaga? stored, ChaosSaga saga) =>
        stored is not null && stored.UnpublishedOutcomeCount == 0 && IsSettled(stored.State as EpaymentState, saga);

    /// <summary>True when the saga is in its scenario's end state with nothing left to do.</summary>
    public static bool IsSettled(EpaymentState? s, ChaosSaga saga) =>
        s is not null
        && s.Status == saga.Expected.Status
        && s.Core.Outbox.IsEmpty
        && s.InFlight.IsEmpty
        && (s.Cancel is null || s.Cancel.Status == OperationStatus.Succeeded)
        && s.CaptureCount == saga.Expected.Captures
        && s.RefundCount == saga.Expected.Refunds
        // The money too: a partial capture then a cancel has the expected status before the cancel was even applied.
        && s.Aggregate.Captured.MinorUnits == saga.Expected.Captured
        && s.Aggregate.Refunded.MinorUnits == saga.Expected.Refunded
        && s.Aggregate.Cancelled.MinorUnits == saga.Expected.Cancelled;

    /// <summary>
    /// Runs sagas 0 … <paramref name="sagas"/>-1, <paramref name="concurrency"/> at a time, starting no new one once
    /// <paramref name="budget"/> has passed since <paramref name="started"/>; <paramref name="progress"/> gets the
    /// number of scripts finished.
    /// </summary>
    public async Task RunAllAsync(int sagas, int concurrency, TimeSpan budget, System.Diagnostics.Stopwatch started, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(started);
        var finished = 0;
        using var gate = new SemaphoreSlim(concurrency);
        var scripts = new List<Task>();
        for (var i = 0; i < sagas && started.Elapsed < budget; i++)
        {
            await gate.WaitAsync(cancellationToken);
            if (started.Elapsed >= budget)
            {
                gate.Release();
                break;
            }

            var index = i;
            scripts.Add(Task.Run(async () =>
            {
                try
                {
                    await RunAsync(index, cancellationToken);
                }
                finally
                {
                    gate.Release();
                    progress?.Report(Interlocked.Increment(ref finished));
                }
            }, cancellationToken));
        }

        await Task.WhenAll(scripts);
    }

    /// <summary>Runs saga number <paramref name="index"/>: a scenario chosen by the seed, its messages, the customer.</summary>
    public async Task RunAsync(int index, CancellationToken cancellationToken)
    {
        var random = new Random(unchecked((seed * 7919) + index));
        var scenario = (Scenario)random.Next(Enum.GetValues<Scenario>().Length);
        var (msn, currency, _) = Units[index % Units.Length];
        var reference = string.Create(CultureInfo.InvariantCulture, $"chaos-{runTag}-{index:D5}");
        var amount = random.Next(20, 600) * 100L;
        var key = SagaKey.Payment(Msn.Create(msn).Value, PaymentReference.Create(reference).Value);
        var saga = new ChaosSaga(key, reference, msn, currency, scenario, amount, ExpectedFor(scenario, amount));
        Sagas.Add(saga);
        _scenarios.AddOrUpdate(scenario, 1, (_, n) => n + 1);
        var sent = new List<LedgerEntry>();

        async Task Send(string suffix, string type, byte[] body, string expectedOutcome)
        {
            var entry = new LedgerEntry($"{reference}-{suffix}", type, reference, body, expectedOutcome);
            Ledger.Add(entry);
            sent.Add(entry);
            await transport.DeliverAsync(entry, saga, cancellationToken);
        }

        string Id(string suffix) => $"{reference}-{suffix}";

        // The script stops when a state it waits for does not come in time, and says so: the end check then reports
        // a saga too slow for the script, not a wrong money movement.
        async Task<bool> Reached(Func<EpaymentState, bool> condition, string what)
        {
            if (await transport.WaitForAsync(key, condition, cancellationToken) is not null)
            {
                return true;
            }

            _gaveUp[key] = what;
            return false;
        }

        await Send("request", "payment.requested.v1", CloudEvents.PaymentRequested(Id("request"), msn, reference, amount, currency), "applied");
        if (scenario == Scenario.CancelBeforeAuthorization && random.NextDouble() < 0.5)
        {
            // Cancel while the create may still be in flight: the outbox runs it after the create, in order. A queue
            // does not keep order between messages, so the webshop waits until the request was taken (the saga exists).
            await transport.WaitForAsync(key, _ => true, cancellationToken);
            await Send("cancel", "payment.cancel-requested.v1", CloudEvents.CancelRequested(Id("cancel"), msn, reference), "applied");
        }

        if (!await Reached(s => s.Status is not (EpaymentStatus.New or EpaymentStatus.Creating), "the payment to be created"))
        {
            return;
        }

        switch (scenario)
        {
            case Scenario.CancelBeforeAuthorization:
                if (!sent.Exists(e => e.Kind == "payment.cancel-requested.v1"))
                {
                    await Send("cancel", "payment.cancel-requested.v1", CloudEvents.CancelRequested(Id("cancel"), msn, reference), "applied");
                }

                break;
            default:
                await CustomerActsAsync(saga, cancellationToken);
                await transport.CustomerActedAsync(saga, random, cancellationToken);
                if (!await Reached(s => s.Status is EpaymentStatus.Authorized or EpaymentStatus.Aborted or EpaymentStatus.Expired or EpaymentStatus.NeedsAttention, "the customer's answer to reach the saga"))
                {
                    return;
                }

                break;
        }

        var capture = amount * 2 / 5;
        switch (scenario)
        {
            case Scenario.FullCapture:
                await Send("cap-1", "payment.capture-requested.v1", CloudEvents.CaptureRequested(Id("cap-1"), msn, reference, "cap-1", amount, currency), "applied");
                break;
            case Scenario.TwoCaptures:
                await Send("cap-1", "payment.capture-requested.v1", CloudEvents.CaptureRequested(Id("cap-1"), msn, reference, "cap-1", capture, currency), "applied");
                await Send("cap-2", "payment.capture-requested.v1", CloudEvents.CaptureRequested(Id("cap-2"), msn, reference, "cap-2", amount - capture, currency), "applied");
                break;
            case Scenario.CaptureThenRefund:
                await Send("cap-1", "payment.capture-requested.v1", CloudEvents.CaptureRequested(Id("cap-1"), msn, reference, "cap-1", amount, currency), "applied");
                if (!await Reached(s => s.Aggregate.Captured.MinorUnits == amount, "the capture before the refund"))
                {
                    return;
                }

                await Send("ref-1", "payment.refund-requested.v1", CloudEvents.RefundRequested(Id("ref-1"), msn, reference, "ref-1", amount / 3, currency), "applied");
                break;
            case Scenario.PartialCaptureThenCancel:
                await Send("cap-1", "payment.capture-requested.v1", CloudEvents.CaptureRequested(Id("cap-1"), msn, reference, "cap-1", capture, currency), "applied");

                // Unordered queue: the cancel goes once the capture is taken (in the saga's outbox, ahead of the cancel).
                if (!await Reached(s => s.CaptureCount == 1, "the capture to be taken before the cancel"))
                {
                    return;
                }

                await Send("cancel", "payment.cancel-requested.v1", CloudEvents.CancelRequested(Id("cancel"), msn, reference), "applied");
                break;
            case Scenario.CancelAuthorized:
                await Send("cancel", "payment.cancel-requested.v1", CloudEvents.CancelRequested(Id("cancel"), msn, reference), "applied");
                break;
            case Scenario.OverCaptureRejectedThenCapture:
                await Send("cap-0", "payment.capture-requested.v1", CloudEvents.CaptureRequested(Id("cap-0"), msn, reference, "cap-0", amount + 100, currency), "rejected:capture-exceeds-remaining");
                await Send("cap-1", "payment.capture-requested.v1", CloudEvents.CaptureRequested(Id("cap-1"), msn, reference, "cap-1", amount, currency), "applied");
                break;
        }

        if (random.NextDouble() < duplicateShare && sent.Count > 0)
        {
            // A queue delivers one of the saga's messages a second time (same id): it must be recognised, not re-applied
            // — and a message the saga refused is refused again with the same reason, so it is dead-lettered too.
            var original = sent[random.Next(sent.Count)];
            var copyExpected = original.Expected.StartsWith("rejected:", StringComparison.Ordinal) ? original.Expected : "duplicate";
            var copy = new LedgerEntry(original.Id, original.Kind, reference, original.Body, copyExpected);
            Ledger.Add(copy);
            await transport.DeliverAsync(copy, saga, cancellationToken);
        }

        await transport.WaitForAsync(key, s => IsSettled(s, saga), cancellationToken);
    }

    /// <summary>
    /// The end check of every saga of the run into <paramref name="report"/>: scenario counts, final states, money
    /// moved at Vipps, and a violation for each saga whose stored state, Vipps' aggregate or the simulator's counters
    /// are not what its scenario requires (<see cref="Problems"/>).
    /// </summary>
    public async Task VerifySagasAsync(SagaStore sagas, VippsEpaymentClient epayment, SimulatorCounters counters, ChaosReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sagas);
        ArgumentNullException.ThrowIfNull(epayment);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(report);
        report.SagasStarted = Sagas.Count;
        foreach (var (scenario, count) in ScenarioCounts)
        {
            report.ScenarioCounts[scenario] = count;
        }

        foreach (var saga in Sagas.OrderBy(s => s.Reference, StringComparer.Ordinal))
        {
            var stored = await sagas.LoadAsync(saga.Key, cancellationToken);
            if (stored?.State is not EpaymentState state)
            {
                report.Violation($"{saga.Reference} ({saga.Scenario}): no saga row");
                continue;
            }

            report.Count(report.FinalStates, state.Status.ToString());
            report.CapturesAtVipps += counters.CapturesOf(saga.Msn, saga.Reference);
            report.RefundsAtVipps += counters.RefundsOf(saga.Msn, saga.Reference);
            report.CancelsAtVipps += counters.CancelsOf(saga.Msn, saga.Reference);
            var vipps = await epayment.GetPaymentAsync(MerchantSerialNumber.Create(saga.Msn), saga.Reference, cancellationToken);
            var problems = _gaveUp.TryGetValue(saga.Key, out var waitedFor)
                ? [$"the webshop script gave up waiting for {waitedFor} (the transport's wait limit); the saga is {state.Status}, too slow rather than wrong"]
                : Problems(saga, stored, state, await sagas.ListOperationsAsync(saga.Key, cancellationToken), vipps, counters);
            if (problems.Count == 0)
            {
                report.SagasVerified++;
            }
            else
            {
                report.Violation($"{saga.Msn}/{saga.Reference} ({saga.Scenario}): {string.Join("; ", problems)}");
            }
        }
    }

    /// <summary>
    /// What is wrong with <paramref name="saga"/> at the end of a run: its stored state against its scenario, against
    /// Vipps' own aggregate (<paramref name="vipps"/>) and against the simulator's counters of applied captures, refunds
    /// and cancels (double or missing money movement). Empty when it is right.
    /// </summary>
    private static List<string> Problems(ChaosSaga saga, StoredSaga stored, EpaymentState state, SagaOperations operations, Payment vipps, SimulatorCounters counters)
    {
        ArgumentNullException.ThrowIfNull(saga);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(vipps);
        ArgumentNullException.ThrowIfNull(counters);
        var problems = new List<string>();
        var e = saga.Expected;
        var a = state.Aggregate;
        if (state.Status != e.Status)
        {
            problems.Add($"status {state.Status}, expected {e.Status}{(state.Core.Attention is { } att ? " — " + att.Reason : string.Empty)}");
        }

        if (a.Authorized.MinorUnits != e.Authorized || a.Captured.MinorUnits != e.Captured || a.Refunded.MinorUnits != e.Refunded || a.Cancelled.MinorUnits != e.Cancelled)
        {
            problems.Add($"saga aggregate {Describe(a)}, expected authorized {e.Authorized} captured {e.Captured} refunded {e.Refunded} cancelled {e.Cancelled}");
        }

        if (!state.Core.Outbox.IsEmpty)
        {
            problems.Add($"{state.Core.Outbox.Count} command(s) still pending ({state.Core.Outbox[0].Command.Operation})");
        }

        if (stored.UnpublishedOutcomeCount > 0)
        {
            problems.Add($"{stored.UnpublishedOutcomeCount} outcome(s) never published");
        }

        var va = vipps.Aggregate;
        static long V(Amount? x) => x?.Value ?? 0;
        if (V(va.AuthorizedAmount) != a.Authorized.MinorUnits || V(va.CapturedAmount) != a.Captured.MinorUnits
            || V(va.RefundedAmount) != a.Refunded.MinorUnits || V(va.CancelledAmount) != a.Cancelled.MinorUnits)
        {
            problems.Add($"Vipps aggregate authorized {V(va.AuthorizedAmount)} captured {V(va.CapturedAmount)} refunded {V(va.RefundedAmount)} cancelled {V(va.CancelledAmount)} differs from the saga's {Describe(a)}");
        }

        var capturesAtVipps = counters.CapturesOf(saga.Msn, saga.Reference);
        var refundsAtVipps = counters.RefundsOf(saga.Msn, saga.Reference);
        var cancelsAtVipps = counters.CancelsOf(saga.Msn, saga.Reference);
        var captureIds = operations.Captures.Select(c => c.CaptureId).Distinct(StringComparer.Ordinal).Count();
        var refundIds = operations.Refunds.Select(r => r.RefundId).Distinct(StringComparer.Ordinal).Count();
        if (capturesAtVipps != captureIds || captureIds != e.Captures)
        {
            problems.Add($"DOUBLE OR MISSING CAPTURE: Vipps applied {capturesAtVipps} capture(s), the saga has {captureIds} capture id(s), expected {e.Captures}");
        }

        if (refundsAtVipps != refundIds || refundIds != e.Refunds)
        {
            problems.Add($"DOUBLE OR MISSING REFUND: Vipps applied {refundsAtVipps} refund(s), the saga has {refundIds} refund id(s), expected {e.Refunds}");
        }

        if (cancelsAtVipps != e.Cancels)
        {
            problems.Add($"Vipps applied {cancelsAtVipps} cancel(s), expected {e.Cancels}");
        }

        if (operations.Captures.Sum(c => c.Amount.MinorUnits) != V(va.CapturedAmount) || operations.Refunds.Sum(r => r.Amount.MinorUnits) != V(va.RefundedAmount))
        {
            problems.Add("the saga's capture/refund records do not add up to Vipps' aggregate");
        }

        return problems;
    }

    /// <summary>The simulated customer approves, rejects or lets the payment expire (admin calls are never faulted; a refused connection is retried).</summary>
    private async Task CustomerActsAsync(ChaosSaga saga, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                switch (saga.Scenario)
                {
                    case Scenario.CustomerRejects:
                        await admin.RejectPaymentAsync(saga.Msn, saga.Reference, cancellationToken);
                        break;
                    case Scenario.CustomerLetsExpire:
                        await admin.ExpirePaymentAsync(saga.Msn, saga.Reference, cancellationToken);
                        break;
                    default:
                        await admin.ApprovePaymentAsync(saga.Msn, saga.Reference, cancellationToken: cancellationToken);
                        break;
                }

                return;
            }
            catch (HttpRequestException) when (attempt < 3)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private static string Describe(Domain.Epayment.PaymentAggregate a) =>
        $"authorized {a.Authorized.MinorUnits} captured {a.Captured.MinorUnits} refunded {a.Refunded.MinorUnits} cancelled {a.Cancelled.MinorUnits}";
}
