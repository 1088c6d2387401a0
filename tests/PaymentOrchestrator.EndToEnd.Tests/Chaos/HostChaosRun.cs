using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Local.Queues;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.Testing.Chaos;
using PaymentOrchestrator.Vipps.Epayment;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.EndToEnd.Tests.Chaos;

/// <summary>Settings of a host-level chaos run. Defaults are the full form (≥ 1,000 sagas).</summary>
internal sealed record HostChaosOptions
{
    public int Sagas { get; init; } = 1000;

    /// <summary>Sagas driven at the same time (the webshops' concurrency).</summary>
    public int Concurrency { get; init; } = 24;

    /// <summary>No new saga starts after this; the run then drains (bounded by <see cref="DrainLimit"/>).</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan DrainLimit { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Injected by the simulator on every Vipps API route, each as a share of all calls.</summary>
    public double ErrorRate { get; init; } = 0.20;

    public double RateLimitRate { get; init; } = 0.10;

    public double LostResponseRate { get; init; } = 0.05;

    /// <summary>Each host process is killed with SIGKILL at a random moment between these after it answered its health check.</summary>
    public TimeSpan KillAfterMin { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan KillAfterMax { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>The host stays down for a random time up to this before it is started again.</summary>
    public TimeSpan MaxDowntime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Messages of the request queue (and wake-ups) the host processes at once.</summary>
    public int WorkerConcurrency { get; init; } = 8;

    public int Seed { get; init; } = 8;

    /// <summary>Share of sagas that get one of their messages delivered twice (same id).</summary>
    public double DuplicateShare { get; init; } = 0.3;
}

/// <summary>
/// The chaos suite at the host level: the real local host (<c>PaymentOrchestrator.Local run</c>) as a child OS
/// process, configured for Azurite and the simulator, killed with SIGKILL at random moments and started again, while
/// the simulator injects 5xx, 429 with Retry-After and lost responses. The scenario scripts are those of the core-level
/// run (<see cref="ChaosScript"/>); here every input is a message on the host's queues, the customer's actions reach
/// the host as real webhooks from the simulator (when the host is up and registered) or by its polling, and wake-ups are
/// the host's own delayed queue messages. At the end every saga is checked against its scenario, Vipps' aggregate and
/// the simulator's counters; every input message must be applied (its marker is in the table) or dead-lettered with
/// its reason, and nothing may be left on the queues.
/// </summary>
internal sealed class HostChaosRun : IChaosTransport
{
    private readonly HostChaosOptions _options;
    private readonly string _storage;
    private readonly Uri _simulator;
    private readonly SimulatorAdminClient _admin;
    private readonly string _suffix;
    private readonly Dictionary<string, string?> _hostSettings;
    private readonly QueueClient _requests;
    private readonly QueueClient _refunds;
    private readonly ChaosScript _script;
    private readonly ChaosReport _report = new() { Level = ChaosLevel.Host };
    private readonly Random _chaosRandom;
    private readonly int _port = LocalHostProcess.FreePort();
    private readonly List<string> _hostErrors = [];
    private ChaosObserver? _observer;

    public HostChaosRun(HostChaosOptions options, string storageConnectionString, Uri simulatorAddress, SimulatorAdminClient admin, string suffix)
    {
        _options = options;
        _storage = storageConnectionString;
        _simulator = simulatorAddress;
        _admin = admin;
        _suffix = suffix;
        _chaosRandom = new Random(options.Seed);
        _hostSettings = HostSettings(storageConnectionString, simulatorAddress, suffix, options.WorkerConcurrency);
        var queues = new StorageClients(storageConnectionString).Queues;
        _requests = queues.GetQueueClient(_hostSettings["Local:Queues:PaymentRequests"]!);
        _refunds = queues.GetQueueClient(_hostSettings["Local:Queues:RefundRequests"]!);
        _script = new ChaosScript(options.Seed, options.DuplicateShare, suffix.Length > 6 ? suffix[..6] : suffix, admin, this);
    }

    /// <summary>The host's configuration for a run: quick polling and retries, a short visibility timeout so that a killed host's messages come back soon.</summary>
    public static Dictionary<string, string?> HostSettings(string storage, Uri simulator, string suffix, int workers)
    {
        var settings = LocalHostProcess.SettingsFor(storage, simulator, suffix);
        var n = workers.ToString(CultureInfo.InvariantCulture);
        settings["Local:Queues:PaymentRequestsConcurrency"] = n;
        settings["Local:Durable:MaxConcurrentActivities"] = n;
        settings["Local:Queues:RefundRequestsConcurrency"] = "2";
        settings["Local:Queues:MaxIdleDelay"] = "00:00:00.200";
        settings["Local:Queues:VisibilityTimeout"] = "00:00:05";
        settings["Local:Queues:RetryDelay"] = "00:00:00.500";
        settings["Local:Queues:MaxDequeueCount"] = "10";
        settings["Maintenance:Interval"] = "00:00:10";
        settings["Maintenance:SweepSlack"] = "00:00:05";
        settings["Local:ShutdownTimeout"] = "00:00:05";
        settings["Sagas:Epayment:Polling:FirstDelay"] = "00:00:01";
        settings["Sagas:Epayment:Polling:Interval"] = "00:00:01";
        settings["Sagas:Epayment:Polling:MaxInterval"] = "00:00:02";
        settings["Sagas:Epayment:Retry:BaseDelay"] = "00:00:01";
        settings["Sagas:Epayment:Retry:MaxDelay"] = "00:00:05";
        settings["Sagas:Epayment:Retry:CommandTimeout"] = "00:00:05";
        settings["Vipps:Resilience:BaseDelay"] = "00:00:00.050";
        return settings;
    }

    /// <summary>Runs the suite; <paramref name="progress"/> gets the number of sagas whose script has finished.</summary>
    public async Task<ChaosReport> RunAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.StartNew();
        await using var observer = await ChaosObserver.StartAsync(new CoreSettings(_storage, _simulator, _suffix), cancellationToken);
        _observer = observer;
        await ChaosScript.RegisterUnitsAsync(observer.SalesUnits, cancellationToken);
        await _admin.ClearFaultsAsync(cancellationToken);
        await _admin.ResetCountersAsync(cancellationToken);

        var host = await StartHostAsync(cancellationToken);
        await ChaosScript.AddFaultsAsync(_admin, _options.ErrorRate, _options.RateLimitRate, _options.LostResponseRate, cancellationToken);
        var scriptsDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var controller = ControllerAsync(host, scriptsDone.Task, cancellationToken);

        await _script.RunAllAsync(_options.Sagas, _options.Concurrency, _options.Budget, started, progress, cancellationToken);

        scriptsDone.TrySetResult();
        host = await controller;

        // Faults off, then one more kill and restart, so the final drain also starts from a cold host.
        await _admin.ClearFaultsAsync(cancellationToken);
        await KillAsync(host);
        host = await StartHostAsync(cancellationToken);
        try
        {
            await DrainAsync(cancellationToken);
            await VerifyAsync(cancellationToken);
            if (host.HasExited)
            {
                _report.Unexpected("the host exited on its own during the drain:\n" + host.RecentOutput);
            }
        }
        finally
        {
            Collect(host);
            await host.DisposeAsync();
        }

        _report.HostErrorLines = _hostErrors.Count;
        _report.HostErrorSamples.AddRange(_hostErrors.Take(10));
        _report.Elapsed = started.Elapsed;
        return _report;
    }

    // ---------------------------------------------------------------- the host process

    private async Task<LocalHostProcess> StartHostAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var host = await LocalHostProcess.StartAsync(_hostSettings, _port, TimeSpan.FromSeconds(90), cancellationToken);
                _report.ProcessesStarted++;
                _report.HostStartTime += clock.Elapsed;
                return host;
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException && attempt < 3)
            {
                // A start that failed is a finding, and the run goes on with the next attempt.
                _report.Unexpected($"host start {attempt} failed: {e.Message}");
            }
        }
    }

    private async Task<LocalHostProcess> ControllerAsync(LocalHostProcess first, Task scriptsDone, CancellationToken cancellationToken)
    {
        var host = first;
        while (true)
        {
            var life = _options.KillAfterMin + (_options.KillAfterMax - _options.KillAfterMin) * _chaosRandom.NextDouble();
            var downtime = _options.MaxDowntime * _chaosRandom.NextDouble();
            if (await Task.WhenAny(Task.Delay(life, cancellationToken), scriptsDone) == scriptsDone)
            {
                return host;
            }

            await KillAsync(host);
            await Task.Delay(downtime, cancellationToken);
            host = await StartHostAsync(cancellationToken);
        }
    }

    private async Task KillAsync(LocalHostProcess host)
    {
        if (host.HasExited)
        {
            _report.Unexpected("the host had exited on its own before it was killed:\n" + host.RecentOutput);
        }

        await host.KillAsync();
        _report.Kills++;
        Collect(host);
        await host.DisposeAsync();
    }

    private void Collect(LocalHostProcess host)
    {
        lock (_hostErrors)
        {
            _hostErrors.AddRange(host.Errors);
            _report.HostStackTraceLines += host.StackTraceLines;
        }
    }

    // ---------------------------------------------------------------- transport: the host's queues

    public async Task DeliverAsync(LedgerEntry entry, ChaosSaga saga, CancellationToken cancellationToken)
    {
        var queue = entry.Kind == "payment.refund-requested.v1" ? _refunds : _requests;
        entry.Deliveries++;
        await queue.SendMessageAsync(BinaryData.FromBytes(entry.Body), cancellationToken: cancellationToken);
    }

    /// <summary>Nothing to do: the simulator sends its webhooks to the host itself (lost while the host is down; polling then finds the change).</summary>
    public Task CustomerActedAsync(ChaosSaga saga, Random random, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<EpaymentState?> WaitForAsync(SagaKey key, Func<EpaymentState, bool> condition, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(180))
        {
            if ((await _observer!.Sagas.LoadAsync(key, cancellationToken))?.State is EpaymentState state && condition(state))
            {
                return state;
            }

            await Task.Delay(250, cancellationToken);
        }

        return null; // the final check reports what the saga is stuck in
    }

    /// <summary>
    /// Waits (up to <see cref="HostChaosOptions.DrainLimit"/>) until every saga is settled and both input queues are
    /// empty at the same check: a saga that looked settled can still get a message that was in flight (a cancel after a
    /// partial capture, a duplicate), so neither is taken as final on its own.
    /// </summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var limit = Stopwatch.StartNew();
        while (limit.Elapsed < _options.DrainLimit)
        {
            var queued = (await _requests.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount
                + (await _refunds.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
            var settled = true;
            foreach (var saga in _script.Sagas)
            {
                if (!ChaosScript.IsSettled(await _observer!.Sagas.LoadAsync(saga.Key, cancellationToken), saga))
                {
                    settled = false;
                    break;
                }
            }

            if (queued == 0 && settled)
            {
                return;
            }

            await Task.Delay(1000, cancellationToken);
        }
    }

    // ---------------------------------------------------------------- verification

    private async Task VerifyAsync(CancellationToken cancellationToken)
    {
        var observer = _observer!;
        var counters = await _admin.GetCountersAsync(cancellationToken);
        _report.VippsAttempts = counters.Calls.Sum(c => c.Value) + counters.TokenRequests;
        _report.Injected5xx = counters.Faults.Where(f => f.Key is "error 503" or "lost-response 500").Sum(f => f.Value);
        _report.Injected429 = counters.Faults.GetValueOrDefault("rate-limit 429");
        _report.DroppedConnections = counters.Faults.GetValueOrDefault("lost-response dropped");
        _report.LostResponsesApplied = counters.Faults.Where(f => f.Key.StartsWith("lost-response", StringComparison.Ordinal)).Sum(f => f.Value);
        _report.IdempotentReplays = counters.IdempotentReplays;
        _report.TokenRequests = counters.TokenRequests;
        _report.WebhooksDelivered = counters.WebhookDeliveries;
        _report.WebhookFailures = counters.WebhookFailures;
        await _script.VerifySagasAsync(observer.Sagas, observer.Get<VippsEpaymentClient>(), counters, _report, cancellationToken);

        await VerifyLedgerAsync(cancellationToken);
    }

    /// <summary>
    /// Every input message is accounted for: an applied one has its applied-event marker in the table (a copy of it is
    /// then a duplicate), a refused one is on the poison queue with its reason once per delivery of that id, nothing
    /// else is on a poison queue, and nothing is left on the input queues.
    /// </summary>
    private async Task VerifyLedgerAsync(CancellationToken cancellationToken)
    {
        var poisoned = new Dictionary<string, List<PoisonMessage>>(StringComparer.Ordinal);
        foreach (var queue in new[] { _requests, _refunds })
        {
            var left = (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
            if (left > 0)
            {
                _report.Violation($"{left} message(s) still on {queue.Name} at the end (neither applied nor dead-lettered)");
            }

            var poison = new StorageClients(_storage).Queues.GetQueueClient(QueueWorker.PoisonQueueName(queue.Name));
            foreach (var message in await ReceiveAllAsync(poison, cancellationToken))
            {
                var parsed = PoisonMessage.TryParse(message.Body);
                var id = parsed is null ? null : EventIdOf(parsed.OriginalMessage);
                if (parsed is null || id is null)
                {
                    _report.Violation($"unreadable message on {poison.Name}: {message.Body}");
                    continue;
                }

                if (!poisoned.TryGetValue(id, out var list))
                {
                    poisoned[id] = list = [];
                }

                list.Add(parsed);
            }
        }

        foreach (var group in _script.Ledger.GroupBy(e => e.Id, StringComparer.Ordinal))
        {
            var entries = group.ToList();
            var saga = _script.Sagas.First(s => s.Reference == entries[0].Saga);
            var dead = poisoned.Remove(group.Key, out var found) ? found : [];
            var refusals = entries.Where(e => e.Expected.StartsWith("rejected:", StringComparison.Ordinal)).ToList();
            var marker = await _observer!.Sagas.FindAppliedAsync(saga.Key.Msn, CloudEvents.Source, group.Key, cancellationToken);
            _report.Messages += entries.Count;
            if (refusals.Count > 0)
            {
                // One dead-letter per delivery of the id; one more when a host died after dead-lettering a message and
                // before deleting it (at-least-once: the redelivery is refused and dead-lettered again, same reason).
                var code = refusals[0].Expected["rejected:".Length..];
                if (dead.Count < refusals.Count || dead.Exists(d => d.Reason != code))
                {
                    _report.Violation($"message {group.Key}: expected {refusals.Count} dead-letter(s) with reason {code}, found [{string.Join(", ", dead.Select(d => d.Reason))}]");
                }

                for (var i = 0; i < dead.Count; i++)
                {
                    _report.Count(_report.MessageOutcomes, i < refusals.Count ? "dead-lettered: " + dead[i].Reason : "dead-lettered again after a kill (same reason)");
                }

                continue;
            }

            foreach (var d in dead)
            {
                _report.Violation($"message {group.Key} ({entries[0].Kind}) was dead-lettered: {d.Reason} — {d.Description}");
            }

            if (marker is null || marker.Rejection is not null)
            {
                _report.Violation($"message {group.Key} ({entries[0].Kind}) has no applied-event marker{(marker?.Rejection is { } r ? " (refused: " + r.Code + ")" : string.Empty)}");
                continue;
            }

            _report.Count(_report.MessageOutcomes, "applied");
            for (var i = 1; i < entries.Count; i++)
            {
                _report.Count(_report.MessageOutcomes, "duplicate (recognised by its id)");
            }
        }

        foreach (var (id, dead) in poisoned)
        {
            _report.Violation($"{dead.Count} unknown message(s) dead-lettered with id {id}: {dead[0].Reason}");
        }
    }

    private static async Task<List<QueueMessage>> ReceiveAllAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        var all = new List<QueueMessage>();
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(QueueLimits.MaxMessagesPerReceive, TimeSpan.FromMinutes(5), cancellationToken)).Value;
            if (batch.Length == 0)
            {
                return all;
            }

            all.AddRange(batch);
        }
    }

    private static string? EventIdOf(string cloudEvent)
    {
        try
        {
            using var document = JsonDocument.Parse(cloudEvent);
            return document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
