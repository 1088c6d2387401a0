using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Webhooks;
using PaymentOrchestrator.Storage.Tables;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Epayment;
using PaymentOrchestrator.VippsSimulator;
using Market = PaymentOrchestrator.Domain.Values.Market;

namespace PaymentOrchestrator.Orchestration.Tests.Chaos;

/// <summary>
/// The chaos suite at the orchestration-core level. Sagas are driven through <see cref="IncomingEventProcessor"/> and
/// <see cref="WebhookProcessor"/> of a "process" (a ServiceProvider built with AddPaymentOrchestrator) while the
/// simulator injects 5xx, 429 with Retry-After and lost responses, and processes are killed at random moments
/// (cancel + dispose) or crash right after a Vipps call. A killed process's in-memory wake-ups are lost; the next one
/// resumes every saga from <see cref="SagaStore.ListResumableAsync"/> after the clock has moved past the re-issue
/// window — what a host does on start. Messages whose delivery failed are redelivered (a queue's at-least-once).
/// At the end every saga is checked against its scenario, against Vipps' own aggregate and against the simulator's
/// counters of applied captures, refunds and cancels; every input message must be applied or rejected with its reason.
/// </summary>
internal sealed class ChaosRun
{
    private const int MaxDeliveries = 30;

    private static readonly (string Msn, string Currency, Market Market)[] Units =
    [
        (SimulatorDefaults.NorwayMsn, "NOK", Market.Norway),
        (SimulatorDefaults.DenmarkMsn, "DKK", Market.Denmark),
        (SimulatorDefaults.FinlandMsn, "EUR", Market.Finland),
    ];

    private readonly ChaosOptions _options;
    private readonly CoreSettings _settings;
    private readonly SimulatorAdminClient _admin;
    private readonly OffsetClock _clock;
    private readonly SagaStore _observer;
    private readonly ChaosReport _report = new();
    private readonly ConcurrentDictionary<SagaKey, DateTimeOffset> _wakeUps = new();
    private readonly ConcurrentBag<SagaRecord> _sagas = [];
    private readonly ConcurrentBag<LedgerEntry> _ledger = [];
    private readonly Random _chaosRandom;
    private readonly Lock _randomGate = new();
    private readonly string _runTag;
    private TaskCompletionSource<Slot> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Slot? _live;

    public ChaosRun(ChaosOptions options, CoreSettings settings, SimulatorAdminClient admin)
    {
        _options = options;
        _settings = settings;
        _admin = admin;
        _clock = new OffsetClock(options.ClockSpeed);
        _observer = new SagaStore(new TableServiceClient(settings.StorageConnectionString).GetTableClient(settings.PaymentsTable));
        _chaosRandom = new Random(options.Seed);
        _runTag = settings.Suffix.Length > 6 ? settings.Suffix[..6] : settings.Suffix;
    }

    /// <summary>Runs the suite; <paramref name="progress"/> gets the number of sagas whose script has finished.</summary>
    public async Task<ChaosReport> RunAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var first = await StartSlotAsync(cancellationToken);
        foreach (var (msn, _, market) in Units)
        {
            await first.Process.SalesUnits.UpsertAsync(new SalesUnitRegistration(
                Msn.Create(msn).Value, "Chaos shop " + msn, market, VippsEnvironment.Production, "partner", [CloudEvents.Source]), cancellationToken);
        }

        await _admin.ClearFaultsAsync(cancellationToken);
        await _admin.ResetCountersAsync(cancellationToken);
        await AddFaultsAsync(cancellationToken);

        using var stopWakeUps = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wakeUps = WakeUpLoopAsync(stopWakeUps.Token);
        var scriptsDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var controller = ControllerAsync(first, scriptsDone.Task, cancellationToken);

        var budget = TimeSpan.FromTicks(_options.Budget.Ticks);
        var finished = 0;
        using (var gate = new SemaphoreSlim(_options.Concurrency))
        {
            var scripts = new List<Task>();
            for (var i = 0; i < _options.Sagas && started.Elapsed < budget; i++)
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
                        await RunSagaAsync(index, cancellationToken);
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

        scriptsDone.TrySetResult();
        var live = await controller;

        // Faults off, then one more kill and restart so the final drain also starts from ListResumableAsync.
        await _admin.ClearFaultsAsync(cancellationToken);
        await KillAsync(live, crashed: false);
        live = await StartSlotAsync(cancellationToken);
        await DrainAsync(cancellationToken);
        await stopWakeUps.CancelAsync();
        try
        {
            await wakeUps;
        }
        catch (OperationCanceledException)
        {
        }

        await VerifyAsync(live.Process, cancellationToken);
        await live.Process.DisposeAsync();
        _report.Elapsed = started.Elapsed;
        return _report;
    }

    // ---------------------------------------------------------------- faults, processes, kills

    private async Task AddFaultsAsync(CancellationToken cancellationToken)
    {
        // The simulator applies the first matching rule, so each rate is conditional on the ones before it missing.
        var lostHalf = _options.LostResponseRate / 2;
        var shares = new (FaultRule Rule, double Share)[]
        {
            (new FaultRule { Route = "*", Kind = FaultKind.Error, Status = 503 }, _options.ErrorRate),
            (new FaultRule { Route = "*", Kind = FaultKind.RateLimit, RetryAfterSeconds = 1 }, _options.RateLimitRate),
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
            await _admin.AddFaultAsync(rule, cancellationToken);
        }
    }

    private async Task<Slot> StartSlotAsync(CancellationToken cancellationToken)
    {
        Slot? slot = null;
        var process = await CoreProcess.StartAsync(
            _settings,
            _clock,
            inner => new CrashingExecutor(inner, this, () => slot),
            services =>
            {
                services.AddHttpClient(VippsServiceCollectionExtensions.HttpClientName).AddHttpMessageHandler(() => new WireCounter(_report));
                services.AddHttpClient(VippsServiceCollectionExtensions.TokenHttpClientName).AddHttpMessageHandler(() => new WireCounter(_report));
            },
            cancellationToken);
        slot = new Slot(process);
        _report.ProcessesStarted++;

        // What a host does on start: every unfinished saga gets a wake-up (the in-memory ones died with the last process).
        _wakeUps.Clear();
        var now = _clock.GetUtcNow();
        foreach (var (key, at) in await process.Sagas.ListResumableAsync(cancellationToken))
        {
            _wakeUps[key] = at ?? now;
        }

        _live = slot;
        _ready.TrySetResult(slot);
        return slot;
    }

    private async Task<Slot> ControllerAsync(Slot first, Task scriptsDone, CancellationToken cancellationToken)
    {
        var slot = first;
        while (true)
        {
            TimeSpan wait;
            lock (_randomGate)
            {
                wait = _options.KillAfterMin + (_options.KillAfterMax - _options.KillAfterMin) * _chaosRandom.NextDouble();
            }

            var fired = await Task.WhenAny(Task.Delay(wait, cancellationToken), slot.Crashed.Task, scriptsDone);
            if (fired == scriptsDone)
            {
                return slot;
            }

            await KillAsync(slot, crashed: slot.Crashed.Task.IsCompleted);
            slot = await StartSlotAsync(cancellationToken);
        }
    }

    private async Task KillAsync(Slot slot, bool crashed)
    {
        slot.Dead = true;
        _ready = new TaskCompletionSource<Slot>(TaskCreationOptions.RunContinuationsAsynchronously);
        slot.Process.Kill();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Volatile.Read(ref slot.InFlight) > 0 && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10);
        }

        await slot.Process.DisposeAsync();
        if (crashed)
        {
            _report.Crashes++;
        }
        else
        {
            _report.Kills++;
        }

        _clock.Advance(_options.Downtime);
    }

    internal bool ShouldCrash()
    {
        lock (_randomGate)
        {
            return _chaosRandom.NextDouble() < _options.CrashAfterCallRate;
        }
    }

    /// <summary>Runs work on the live process; an exception thrown while that process is being killed becomes <see cref="ProcessKilledException"/>.</summary>
    private async Task<T> UseAsync<T>(Func<CoreProcess, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        while (true)
        {
            var slot = await _ready.Task.WaitAsync(cancellationToken);
            Interlocked.Increment(ref slot.InFlight);
            if (slot.Dead)
            {
                Interlocked.Decrement(ref slot.InFlight);
                await Task.Delay(10, cancellationToken);
                continue;
            }

            try
            {
                return await work(slot.Process, slot.Process.Stopping);
            }
            catch (Exception e) when (slot.Dead && e is not ProcessKilledException)
            {
                throw new ProcessKilledException(e);
            }
            finally
            {
                Interlocked.Decrement(ref slot.InFlight);
            }
        }
    }

    /// <summary>True when a delivery or wake-up may simply be retried (a queue redelivers); records what it was.</summary>
    private bool Absorb(Exception e, string what, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        switch (e)
        {
            case ProcessKilledException k:
                _report.Count(_report.AbsorbedExceptions, "killed mid-call (" + k.InnerException!.GetType().Name + ")");
                return true;
            case SimulatedCrashException:
                _report.Count(_report.AbsorbedExceptions, "crash after a Vipps call");
                return true;
            case SagaConcurrencyException:
                _report.Count(_report.AbsorbedExceptions, nameof(SagaConcurrencyException));
                return true;
            default:
                _report.Count(_report.AbsorbedExceptions, "UNEXPECTED " + e.GetType().Name);
                _report.Unexpected($"{what}: {e.GetType().Name}: {e.Message}");
                return true;
        }
    }

    // ---------------------------------------------------------------- wake-ups

    private void Schedule(SagaKey key, DateTimeOffset? at)
    {
        if (at is { } due)
        {
            _wakeUps[key] = due;
        }
        else
        {
            _wakeUps.TryRemove(key, out _);
        }
    }

    private async Task WakeUpLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(50, cancellationToken);
            var now = _clock.GetUtcNow();
            var due = _wakeUps.Where(p => p.Value <= now).OrderBy(p => p.Value).Take(64).ToList();
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (entry, ct) =>
            {
                if (!_wakeUps.TryRemove(entry))
                {
                    return;
                }

                try
                {
                    var result = await UseAsync((p, pt) => p.Driver.DriveAsync(entry.Key, new WakeUp(), null, pt), ct);
                    Interlocked.Increment(ref _wakeUpsDriven);
                    Schedule(entry.Key, result.NextWakeUpAt);
                }
                catch (Exception e) when (Absorb(e, $"wake-up of {entry.Key}", ct))
                {
                    // The wake-up message is redelivered a little later (a killed process's wake-ups come back from the resume).
                    _wakeUps.TryAdd(entry.Key, _clock.GetUtcNow() + TimeSpan.FromSeconds(2));
                }
            });
        }
    }

    private long _wakeUpsDriven;

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var limit = System.Diagnostics.Stopwatch.StartNew();
        while (limit.Elapsed < _options.DrainLimit)
        {
            var unsettled = 0;
            foreach (var saga in _sagas)
            {
                if (!IsSettled((await _observer.LoadAsync(saga.Key, cancellationToken))?.State as EpaymentState, saga))
                {
                    unsettled++;
                }
            }

            if (unsettled == 0)
            {
                return;
            }

            // Let saga time pass faster so backed-off retries and polls come due.
            _clock.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(500, cancellationToken);
        }
    }

    private static bool IsSettled(EpaymentState? s, SagaRecord saga) =>
        s is not null
        && s.Status == saga.Expected.Status
        && s.Core.Outbox.IsEmpty
        && s.Captures.TrueForAll(c => c.Status == OperationStatus.Succeeded)
        && s.Refunds.TrueForAll(r => r.Status == OperationStatus.Succeeded)
        && (s.Cancel is null || s.Cancel.Status == OperationStatus.Succeeded)
        && s.Captures.Count == saga.Expected.Captures
        && s.Refunds.Count == saga.Expected.Refunds;

    // ---------------------------------------------------------------- one saga's script

    private async Task RunSagaAsync(int index, CancellationToken cancellationToken)
    {
        var random = new Random(unchecked((_options.Seed * 7919) + index));
        var scenario = (Scenario)random.Next(Enum.GetValues<Scenario>().Length);
        var (msn, currency, _) = Units[index % Units.Length];
        var reference = string.Create(CultureInfo.InvariantCulture, $"chaos-{_runTag}-{index:D5}");
        var amount = random.Next(20, 600) * 100L;
        var key = SagaKey.Payment(Msn.Create(msn).Value, PaymentReference.Create(reference).Value);
        var expected = ExpectedFor(scenario, amount);
        var saga = new SagaRecord(key, reference, msn, currency, scenario, amount, expected);
        _sagas.Add(saga);
        Interlocked.Increment(ref _sagasStarted);
        _report.Count(_scenarioNames, scenario.ToString());
        var sent = new List<LedgerEntry>();

        async Task Send(string suffix, string type, byte[] body, string expectedOutcome)
        {
            var entry = new LedgerEntry($"{reference}-{suffix}", type, reference, body, expectedOutcome);
            _ledger.Add(entry);
            sent.Add(entry);
            await DeliverAsync(entry, key, cancellationToken);
        }

        string Id(string suffix) => $"{reference}-{suffix}";

        await Send("request", "payment.requested.v1", CloudEvents.PaymentRequested(Id("request"), msn, reference, amount, currency), "applied");
        if (scenario == Scenario.CancelBeforeAuthorization && random.NextDouble() < 0.5)
        {
            // Cancel while the create may still be in flight: the outbox runs it after the create, in order.
            await Send("cancel", "payment.cancel-requested.v1", CloudEvents.CancelRequested(Id("cancel"), msn, reference), "applied");
        }

        if (await WaitForAsync(key, s => s.Status is not (EpaymentStatus.New or EpaymentStatus.Creating), cancellationToken) is null)
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
                await CustomerActsAsync(saga, random, cancellationToken);
                if (await WaitForAsync(key, s => s.Status is EpaymentStatus.Authorized or EpaymentStatus.Aborted or EpaymentStatus.Expired or EpaymentStatus.NeedsAttention, cancellationToken) is null)
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
                if (await WaitForAsync(key, s => s.Aggregate.Captured.MinorUnits == amount, cancellationToken) is null)
                {
                    return;
                }

                await Send("ref-1", "payment.refund-requested.v1", CloudEvents.RefundRequested(Id("ref-1"), msn, reference, "ref-1", amount / 3, currency), "applied");
                break;
            case Scenario.PartialCaptureThenCancel:
                await Send("cap-1", "payment.capture-requested.v1", CloudEvents.CaptureRequested(Id("cap-1"), msn, reference, "cap-1", capture, currency), "applied");
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

        if (random.NextDouble() < _options.DuplicateShare && sent.Count > 0)
        {
            // A queue delivers one of the saga's messages a second time (same id): it must be recognised, not re-applied
            // — and a message the saga refused is refused again with the same reason, so it is dead-lettered too.
            var original = sent[random.Next(sent.Count)];
            var copyExpected = original.Expected.StartsWith("rejected:", StringComparison.Ordinal) ? original.Expected : "duplicate";
            var copy = new LedgerEntry(original.Id, original.Kind, reference, original.Body, copyExpected);
            _ledger.Add(copy);
            await DeliverAsync(copy, key, cancellationToken);
        }

        await WaitForAsync(key, s => IsSettled(s, saga), cancellationToken);
    }

    private async Task CustomerActsAsync(SagaRecord saga, Random random, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                switch (saga.Scenario)
                {
                    case Scenario.CustomerRejects:
                        await _admin.RejectPaymentAsync(saga.Msn, saga.Reference, cancellationToken);
                        break;
                    case Scenario.CustomerLetsExpire:
                        await _admin.ExpirePaymentAsync(saga.Msn, saga.Reference, cancellationToken);
                        break;
                    default:
                        await _admin.ApprovePaymentAsync(saga.Msn, saga.Reference, cancellationToken: cancellationToken);
                        break;
                }

                break;
            }
            catch (HttpRequestException) when (attempt < 3)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        if (random.NextDouble() < _options.WebhookShare)
        {
            var name = saga.Scenario switch
            {
                Scenario.CustomerRejects => "epayments.payment.aborted.v1",
                Scenario.CustomerLetsExpire => "epayments.payment.expired.v1",
                _ => "epayments.payment.authorized.v1",
            };
            var body = CloudEvents.PaymentWebhook(saga.Msn, saga.Reference, name, saga.Amount, saga.Currency);
            var entry = new LedgerEntry($"{saga.Reference}-webhook", "webhook", saga.Reference, body, "webhook:applied");
            _ledger.Add(entry);
            await DeliverWebhookAsync(entry, saga.Key, cancellationToken);
        }
    }

    private async Task DeliverAsync(LedgerEntry entry, SagaKey key, CancellationToken cancellationToken)
    {
        while (true)
        {
            entry.Deliveries++;
            try
            {
                var result = await UseAsync((p, ct) => p.Processor.ProcessAsync(entry.Body, null, ct), cancellationToken);
                switch (result)
                {
                    case ProcessApplied applied:
                        entry.Outcome = "applied";
                        Schedule(key, applied.Drive.NextWakeUpAt);
                        break;
                    case ProcessDuplicate:
                        entry.Outcome = "duplicate";
                        break;
                    case ProcessRejected rejected:
                        entry.Outcome = "rejected:" + rejected.Code;
                        break;
                }

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

    private async Task DeliverWebhookAsync(LedgerEntry entry, SagaKey key, CancellationToken cancellationToken)
    {
        while (true)
        {
            entry.Deliveries++;
            try
            {
                var (date, hash, authorization) = WebhookSignature.Sign(entry.Body, CoreSettings.WebhookUrl, _clock.GetUtcNow(), CoreSettings.WebhookSecret);
                var result = await UseAsync((p, ct) => p.Webhooks.ProcessAsync(entry.Body, date, hash, authorization, ct), cancellationToken);
                switch (result)
                {
                    case WebhookApplied applied:
                        entry.Outcome = "webhook:applied";
                        Schedule(key, applied.Drive.NextWakeUpAt);
                        break;
                    case WebhookIgnored ignored:
                        entry.Outcome = "webhook:ignored";
                        break;
                    case WebhookUnauthorized unauthorized:
                        entry.Outcome = "webhook:unauthorized (" + unauthorized.Reason + ")";
                        break;
                }

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

    private async Task<EpaymentState?> WaitForAsync(SagaKey key, Func<EpaymentState, bool> condition, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(120))
        {
            if ((await _observer.LoadAsync(key, cancellationToken))?.State is EpaymentState state && condition(state))
            {
                return state;
            }

            await Task.Delay(100, cancellationToken);
        }

        return null; // the final check reports what the saga is stuck in
    }

    private static Expected ExpectedFor(Scenario scenario, long amount)
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

    private int _sagasStarted;
    private readonly Dictionary<string, int> _scenarioNames = new(StringComparer.Ordinal);

    // ---------------------------------------------------------------- verification

    private async Task VerifyAsync(CoreProcess process, CancellationToken cancellationToken)
    {
        _report.SagasStarted = _sagasStarted;
        foreach (var (name, count) in _scenarioNames)
        {
            _report.ScenarioCounts[Enum.Parse<Scenario>(name)] = count;
        }

        _report.WakeUpsDriven = Interlocked.Read(ref _wakeUpsDriven);
        var counters = await _admin.GetCountersAsync(cancellationToken);
        _report.IdempotentReplays = counters.IdempotentReplays;
        _report.TokenRequests = counters.TokenRequests;
        var epayment = process.Get<VippsEpaymentClient>();
        foreach (var saga in _sagas.OrderBy(s => s.Reference, StringComparer.Ordinal))
        {
            var problems = new List<string>();
            var stored = await _observer.LoadAsync(saga.Key, cancellationToken);
            if (stored?.State is not EpaymentState state)
            {
                _report.Violation($"{saga.Reference} ({saga.Scenario}): no saga row");
                continue;
            }

            _report.Count(_report.FinalStates, state.Status.ToString());
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

            if (stored.UnpublishedOutcomes.Count > 0)
            {
                problems.Add($"{stored.UnpublishedOutcomes.Count} outcome(s) never published");
            }

            var vipps = await epayment.GetPaymentAsync(MerchantSerialNumber.Create(saga.Msn), saga.Reference, cancellationToken);
            var va = vipps.Aggregate;
            long V(Amount? x) => x?.Value ?? 0;
            if (V(va.AuthorizedAmount) != a.Authorized.MinorUnits || V(va.CapturedAmount) != a.Captured.MinorUnits
                || V(va.RefundedAmount) != a.Refunded.MinorUnits || V(va.CancelledAmount) != a.Cancelled.MinorUnits)
            {
                problems.Add($"Vipps aggregate authorized {V(va.AuthorizedAmount)} captured {V(va.CapturedAmount)} refunded {V(va.RefundedAmount)} cancelled {V(va.CancelledAmount)} differs from the saga's {Describe(a)}");
            }

            var capturesAtVipps = counters.CapturesOf(saga.Msn, saga.Reference);
            var refundsAtVipps = counters.RefundsOf(saga.Msn, saga.Reference);
            var cancelsAtVipps = counters.CancelsOf(saga.Msn, saga.Reference);
            _report.CapturesAtVipps += capturesAtVipps;
            _report.RefundsAtVipps += refundsAtVipps;
            _report.CancelsAtVipps += cancelsAtVipps;
            var captureIds = state.Captures.Select(c => c.CaptureId).Distinct(StringComparer.Ordinal).Count();
            var refundIds = state.Refunds.Select(r => r.RefundId).Distinct(StringComparer.Ordinal).Count();
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

            if (state.Captures.Sum(c => c.Amount.MinorUnits) != V(va.CapturedAmount) || state.Refunds.Sum(r => r.Amount.MinorUnits) != V(va.RefundedAmount))
            {
                problems.Add("the saga's capture/refund records do not add up to Vipps' aggregate");
            }

            if (problems.Count == 0)
            {
                _report.SagasVerified++;
            }
            else
            {
                _report.Violation($"{saga.Msn}/{saga.Reference} ({saga.Scenario}): {string.Join("; ", problems)}");
            }
        }

        // Every input message: applied (its marker is in the table), recognised as a duplicate, or rejected with its reason.
        foreach (var entry in _ledger)
        {
            _report.Messages++;
            _report.Redeliveries += Math.Max(0, entry.Deliveries - 1);
            _report.Count(_report.MessageOutcomes, entry.Outcome ?? "UNRESOLVED");
            var saga = _sagas.First(s => s.Reference == entry.Saga);
            if (entry.Outcome is null)
            {
                _report.Violation($"message {entry.Id} ({entry.Kind}) was never applied nor rejected after {entry.Deliveries} deliveries");
                continue;
            }

            var ok = entry.Expected switch
            {
                // A delivery that failed after its transaction committed comes back as a duplicate: applied once.
                "applied" => entry.Outcome == "applied" || entry.Outcome == "duplicate" && entry.FailedDeliveries > 0,
                // Likewise a refusal the saga recorded (with the event's marker) before the process died: the reason
                // is in the saga's timeline, and the redelivery is a duplicate.
                var rejected when rejected.StartsWith("rejected:", StringComparison.Ordinal) && entry.Outcome == "duplicate" && entry.FailedDeliveries > 0 =>
                    await RefusalRecordedAsync(saga.Key, entry.Id, rejected["rejected:".Length..], cancellationToken),
                _ => entry.Outcome == entry.Expected,
            };
            if (ok && entry.Outcome == "duplicate" && entry.Expected.StartsWith("rejected:", StringComparison.Ordinal))
            {
                _report.Count(_report.MessageOutcomes, "(of which refusals recorded before a kill, duplicate on redelivery)");
            }
            if (!ok)
            {
                _report.Violation($"message {entry.Id} ({entry.Kind}): {entry.Outcome}, expected {entry.Expected}");
            }

            if (entry.Kind != "webhook" && entry.Outcome is "applied" or "duplicate")
            {
                entry.MarkerFound = await _observer.FindAppliedAsync(saga.Key.Msn, CloudEvents.Source, entry.Id, cancellationToken) is not null;
                if (!entry.MarkerFound)
                {
                    _report.Violation($"message {entry.Id} ({entry.Kind}) reported {entry.Outcome} but its applied-event marker is missing");
                }
            }
        }
    }

    private async Task<bool> RefusalRecordedAsync(SagaKey key, string eventId, string code, CancellationToken cancellationToken)
    {
        var timeline = await _observer.TimelineAsync(key, cancellationToken);
        var received = timeline.FirstOrDefault(t => t.Kind == TimelineEntryKind.Received && t.EventId == eventId);
        return received is not null
            && timeline.Any(t => t.Kind == TimelineEntryKind.Rejected && t.Type == code && t.Sequence > received.Sequence);
    }

    private static string Describe(Domain.Epayment.PaymentAggregate a) =>
        $"authorized {a.Authorized.MinorUnits} captured {a.Captured.MinorUnits} refunded {a.Refunded.MinorUnits} cancelled {a.Cancelled.MinorUnits}";

    private sealed record SagaRecord(SagaKey Key, string Reference, string Msn, string Currency, Scenario Scenario, long Amount, Expected Expected);

    private sealed class Slot(CoreProcess process)
    {
        public int InFlight;

        public CoreProcess Process { get; } = process;

        public volatile bool Dead;

        public TaskCompletionSource Crashed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The process dies right after Vipps answered and before the answer is saved (the worst moment).</summary>
    private sealed class CrashingExecutor(ICommandExecutor inner, ChaosRun run, Func<Slot?> slot) : ICommandExecutor
    {
        public async Task<CommandResult> ExecuteAsync(VippsCommand command, CancellationToken cancellationToken = default)
        {
            var result = await inner.ExecuteAsync(command, cancellationToken);
            if (run.ShouldCrash())
            {
                slot()?.Crashed.TrySetResult();
                throw new SimulatedCrashException();
            }

            return result;
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

/// <summary>An injected crash: the process died after Vipps answered and before the result was saved.</summary>
internal sealed class SimulatedCrashException() : Exception("Injected crash: the process died after Vipps answered and before the result was saved.");

/// <summary>Whatever a call threw while its process was being killed.</summary>
internal sealed class ProcessKilledException(Exception inner) : Exception("The process was killed during the call.", inner);
