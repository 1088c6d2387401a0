using PaymentOrchestrator.Orchestration.Tests.Support.InProcess;
using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Processing;
using PaymentOrchestrator.Orchestration.Running;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Orchestration.Webhooks;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Testing.Chaos;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Epayment;
using PaymentOrchestrator.VippsSimulator;

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
internal sealed class ChaosRun : IChaosTransport
{
    private const int MaxDeliveries = 30;

    private readonly ChaosOptions _options;
    private readonly CoreSettings _settings;
    private readonly SimulatorAdminClient _admin;
    private readonly OffsetClock _clock;
    private readonly SagaStore _observer;
    private readonly ChaosReport _report = new();
    private readonly ConcurrentDictionary<SagaKey, DateTimeOffset> _wakeUps = new();
    private readonly ChaosScript _script;
    private readonly Random _chaosRandom;
    private readonly Lock _randomGate = new();
    private TaskCompletionSource<Slot> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Slot? _live;

    public ChaosRun(ChaosOptions options, CoreSettings settings, SimulatorAdminClient admin)
    {
        _options = options;
        _settings = settings;
        _admin = admin;
        _clock = new OffsetClock(options.ClockSpeed);
        _observer = new SagaStore(new StorageClients(settings.StorageConnectionString).Tables.GetTableClient(settings.PaymentsTable));
        _chaosRandom = new Random(options.Seed);
        var runTag = settings.Suffix.Length > 6 ? settings.Suffix[..6] : settings.Suffix;
        _script = new ChaosScript(options.Seed, options.DuplicateShare, runTag, admin, this);
    }

    /// <summary>Runs the suite; <paramref name="progress"/> gets the number of sagas whose script has finished.</summary>
    public async Task<ChaosReport> RunAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var first = await StartSlotAsync(cancellationToken);
        await ChaosScript.RegisterUnitsAsync(first.Process.SalesUnits, cancellationToken);

        await _admin.ClearFaultsAsync(cancellationToken);
        await _admin.ResetCountersAsync(cancellationToken);
        await ChaosScript.AddFaultsAsync(_admin, _options.ErrorRate, _options.RateLimitRate, _options.LostResponseRate, cancellationToken);

        using var stopWakeUps = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wakeUps = WakeUpLoopAsync(stopWakeUps.Token);
        var scriptsDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var controller = ControllerAsync(first, scriptsDone.Task, cancellationToken);

        await _script.RunAllAsync(_options.Sagas, _options.Concurrency, _options.Budget, started, progress, cancellationToken);

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
            foreach (var saga in _script.Sagas)
            {
                if (!ChaosScript.IsSettled(await _observer.LoadAsync(saga.Key, cancellationToken), saga))
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

    // ---------------------------------------------------------------- transport: deliver now, redeliver until resolved

    public Task DeliverAsync(LedgerEntry entry, ChaosSaga saga, CancellationToken cancellationToken) => DeliverAsync(entry, saga.Key, cancellationToken);

    /// <summary>A share of customer actions is also announced by a signed webhook; the rest are found by polling.</summary>
    public async Task CustomerActedAsync(ChaosSaga saga, Random random, CancellationToken cancellationToken)
    {
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
            _script.Ledger.Add(entry);
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
                // The webhook is handed off (applied to the row), then what it gave out runs, as the orchestration would.
                var (result, drive) = await UseAsync(async (p, ct) =>
                {
                    var routed = await p.Webhooks.ProcessAsync(entry.Body, date, hash, authorization, ct);
                    return (routed, routed is WebhookApplied handed ? await p.Driver.ContinueAsync(handed.Progress, ct) : null);
                }, cancellationToken);
                switch (result)
                {
                    case WebhookApplied:
                        entry.Outcome = "webhook:applied";
                        Schedule(key, drive!.NextWakeUpAt);
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

    public async Task<EpaymentState?> WaitForAsync(SagaKey key, Func<EpaymentState, bool> condition, CancellationToken cancellationToken)
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

    // ---------------------------------------------------------------- verification

    private async Task VerifyAsync(CoreProcess process, CancellationToken cancellationToken)
    {
        _report.WakeUpsDriven = Interlocked.Read(ref _wakeUpsDriven);
        var counters = await _admin.GetCountersAsync(cancellationToken);
        _report.IdempotentReplays = counters.IdempotentReplays;
        _report.TokenRequests = counters.TokenRequests;
        await _script.VerifySagasAsync(_observer, process.Get<VippsEpaymentClient>(), counters, _report, cancellationToken);

        // Every input message: applied (its marker is in the table), recognised as a duplicate, or rejected with its reason.
        foreach (var entry in _script.Ledger)
        {
            _report.Messages++;
            _report.Redeliveries += Math.Max(0, entry.Deliveries - 1);
            _report.Count(_report.MessageOutcomes, entry.Outcome ?? "UNRESOLVED");
            var saga = _script.Sagas.First(s => s.Reference == entry.Saga);
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
