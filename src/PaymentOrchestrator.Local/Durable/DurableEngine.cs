using Azure.Core;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Hosting;
using PaymentOrchestrator.Storage;

namespace PaymentOrchestrator.Local.Durable;

/// <summary>
/// The local host's saga engine: the Durable Task Framework (DurableTask.Core) with its Azure Storage backend — the one
/// Durable Functions uses by default — over the host's storage, running the unchanged <see cref="SagaOrchestration"/>
/// and <see cref="SagaActivities"/> through <see cref="DurableTaskShimFactory"/>, registered as the Functions tests
/// register them on the in-process test host. Started before the queue workers and stopped after them (hosted services
/// stop in reverse order), so every hand-off finds a running engine.
/// </summary>
public sealed partial class DurableEngine : IHostedService, IAsyncDisposable
{
    private readonly AzureStorageOrchestrationService _service;
    private readonly TaskHubWorker _worker;
    private static readonly TimeSpan MinVisibility = TimeSpan.FromSeconds(10);
    private readonly ILogger<DurableEngine> _logger;
    private int _started;

    public DurableEngine(
        IOptions<StorageConnectionOptions> storage, IOptions<LocalHostSettings> settings, SagaActivities activities,
        MaintenanceActivities maintenance, EngineClock clock, ActivitySlots slots, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(activities);
        ArgumentNullException.ThrowIfNull(maintenance);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(slots);
        var connectionString = storage.Value.ConnectionString
            ?? throw new InvalidOperationException("The local host's Durable engine needs Storage:ConnectionString (Azurite's, or an account's).");
        var d = settings.Value.Durable;
        var visibility = settings.Value.Queues.VisibilityTimeout < MinVisibility ? MinVisibility : settings.Value.Queues.VisibilityTimeout;
        Settings = d;
        _logger = loggerFactory.CreateLogger<DurableEngine>();
        _service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = d.TaskHub,
            // The backend's queue client holds a receive that finds its queue empty until this process sends to it
            // (EmptyReceiveHold); its table and blob clients are the backend's defaults.
            StorageAccountClientProvider = new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connectionString),
                StorageServiceClientProvider.ForQueue(connectionString, QueueOptions(d.EmptyReceiveHold)),
                StorageServiceClientProvider.ForTable(connectionString)),
            // Durable Functions sets it; without it a start refused by its dedupe statuses is silently dropped, and the
            // hand-off could not tell "started" from "a live instance exists, raise instead".
            ThrowExceptionOnInvalidDedupeStatus = true,
            PartitionCount = d.PartitionCount,
            ExtendedSessionsEnabled = d.ExtendedSessions,
            ExtendedSessionIdleTimeout = d.ExtendedSessionIdleTimeout,
            MaxQueuePollingInterval = d.MaxQueuePollingInterval,
            MaxConcurrentTaskOrchestrationWorkItems = d.MaxConcurrentOrchestrations,
            MaxConcurrentTaskActivityWorkItems = d.MaxConcurrentActivities,
            ControlQueueBufferThreshold = d.ControlQueueBufferThreshold,
            // Partition leases as table rows (the backend's "v3" partition manager): no 15-second floor of blob leases,
            // and a restarted host reclaims its own partitions by its worker id instead of waiting for them to expire.
            UseTablePartitionManagement = true,
            WorkerId = string.IsNullOrWhiteSpace(d.WorkerId) ? Environment.MachineName : d.WorkerId,
            LeaseInterval = d.LeaseInterval,
            // A message taken by a host that is then killed comes back after this (5 minutes by default). The host's
            // queue setting, at least 10 s: the backend renews an activity's message from 5 s on.
            WorkItemQueueVisibilityTimeout = visibility,
            ControlQueueVisibilityTimeout = visibility,
            LeaseRenewInterval = d.LeaseInterval / 3,
            LeaseAcquireInterval = d.LeaseInterval / 3,
            // Several local hosts on one storage account share the task hub's work (by partition leases), as Durable
            // workers of one app do; the app lease would let only one of them work.
            UseAppLease = false,
            LoggerFactory = loggerFactory,
        });
        Client = new TaskHubClient(_service, loggerFactory: loggerFactory);
        Handoff = new SagaOrchestrationSignaller(new TaskHubOrchestrationClient(Client));

        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), loggerFactory);
        _worker = new TaskHubWorker(_service, loggerFactory);
        // A typed input and a lambda, as on the in-process test host (tests/PaymentOrchestrator.Functions.Tests): the
        // untyped form hands GetInput<string>() a JsonElement. A new shim per execution: a shim holds its execution's state.
        _worker.AddTaskOrchestrations(new ShimCreator<TaskOrchestration>(SagaOrchestrationNames.SagaOrchestrator, () =>
            shims.CreateOrchestration(SagaOrchestrationNames.SagaOrchestrator, FuncTaskOrchestrator.Create<string, object?>(async (context, _) =>
            {
                await SagaOrchestration.RunAsync(context);
                return null;
            }))));
        // The saga's next wake-up leaves the activity in engine time, so the orchestration's durable timer waits the right time.
        _worker.AddTaskActivities(new ShimCreator<TaskActivity>(SagaOrchestrationNames.AdvanceActivity, () =>
            shims.CreateActivity(SagaOrchestrationNames.AdvanceActivity, FuncTaskActivity.Create<string, string>((_, input) => slots.RunAsync(async () =>
                SagaHostingJson.Write(clock.ToEngine(SagaHostingJson.ReadAdvance(await activities.AdvanceAsync(input!, Handoff)))))))));

        // The maintenance orchestration (sweep, reconciliation, purge), as the Functions app registers it. Its sweep
        // restarts an instance left Pending by a kill, as the hand-off at start used to; its purge is the backend's,
        // with the cut-off in engine time (instances are stamped with it).
        Resumption = new SagaOrchestrationSignaller(new TaskHubOrchestrationClient(Client, replacePending: true));
        _worker.AddTaskOrchestrations(new ShimCreator<TaskOrchestration>(SagaOrchestrationNames.MaintenanceOrchestrator, () =>
            shims.CreateOrchestration(SagaOrchestrationNames.MaintenanceOrchestrator, FuncTaskOrchestrator.Create<string, object?>(async (context, _) =>
            {
                await MaintenanceOrchestration.RunAsync(context);
                return null;
            }))));
        _worker.AddTaskActivities(new ShimCreator<TaskActivity>(SagaOrchestrationNames.MaintainActivity, () =>
            shims.CreateActivity(SagaOrchestrationNames.MaintainActivity, FuncTaskActivity.Create<string, string>((_, input) => slots.RunAsync(() =>
                maintenance.MaintainAsync(input, Resumption, (createdBefore, _) => PurgeFinishedAsync(clock.PastToEngine(createdBefore))))))));
    }

    private static QueueClientOptions QueueOptions(TimeSpan emptyReceiveHold)
    {
        var options = new QueueClientOptions();
        if (emptyReceiveHold > TimeSpan.Zero)
        {
            // Per call: a receive taken again goes through the retry, signing and transport policies once more.
            options.AddPolicy(new EmptyReceiveHold(emptyReceiveHold), HttpPipelinePosition.PerCall);
        }

        return options;
    }

    /// <summary>Starts and signals the task hub's orchestrations; usable once the engine started.</summary>
    public TaskHubClient Client { get; }

    public DurableEngineSettings Settings { get; }

    /// <summary>The hand-off rule over this engine's client: what the intake and a step's hand-over signal through.</summary>
    internal ISagaSignaller Handoff { get; }

    /// <summary>
    /// The signaller of the wake-up sweep (maintenance and clock jumps): the hand-off rule over this engine's client,
    /// with a Pending instance restarted (see <see cref="TaskHubOrchestrationClient"/>).
    /// </summary>
    internal ISagaSignaller Resumption { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Creates the task hub's queues, tables and lease container when missing (a fresh Azurite).
        await _service.CreateIfNotExistsAsync();
        await _worker.StartAsync();
        Interlocked.Exchange(ref _started, 1);
        await EnsureMaintenanceAsync();
        LogStarted(Settings.TaskHub, Settings.PartitionCount);
    }

    /// <summary>
    /// Starts the maintenance orchestration unless it runs (its first run sweeps at once: a saga whose signal was lost
    /// while the host was down continues). Pending is not live here: a kill between writing the instance row and its
    /// start message leaves it Pending forever (see <see cref="TaskHubOrchestrationClient"/>).
    /// </summary>
    private async Task EnsureMaintenanceAsync()
    {
        try
        {
            await Client.CreateOrchestrationInstanceAsync(SagaOrchestrationNames.MaintenanceOrchestrator, string.Empty,
                SagaOrchestrationNames.MaintenanceInstanceId, SagaHostingJson.Write(new MaintenanceState()), null,
                [OrchestrationStatus.Running, OrchestrationStatus.ContinuedAsNew, OrchestrationStatus.Suspended]);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Running since an earlier start, or started by another host on the same task hub.
        }
    }

    // AzureStorageOrchestrationService.PurgeInstanceHistoryAsync(createdTimeFrom, createdTimeTo, runtimeStatus): the
    // backend's purge of ended instances with their history (Durable Functions' PurgeAllInstancesAsync on this backend).
    private async Task<int> PurgeFinishedAsync(DateTimeOffset createdBefore) =>
        (await _service.PurgeInstanceHistoryAsync(DateTime.MinValue, createdBefore.UtcDateTime,
            [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated])).InstancesDeleted;

    /// <summary>
    /// Stops gracefully: the worker finishes its in-flight work items and releases its partition leases, so another host
    /// (or the next run) takes the orchestrations over at once. Work it could not finish is redelivered by the backend.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 0) == 1)
        {
            try
            {
                await _worker.StopAsync(isForced: false).WaitAsync(cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or TimeoutException || cancellationToken.IsCancellationRequested)
            {
                // Past the shutdown timeout (storage down, a long activity): the backend hands the unfinished work
                // to the next worker once its message visibility and partition lease run out.
                LogStopAbandoned(e.Message);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _started, 0) == 1)
        {
            await _worker.StopAsync(isForced: true);
        }

        _worker.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Durable engine did not stop within the shutdown timeout; unfinished work is redelivered: {Error}")]
    private partial void LogStopAbandoned(string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable engine started: task hub {TaskHub}, {Partitions} partition(s)")]
    private partial void LogStarted(string taskHub, int partitions);
}
