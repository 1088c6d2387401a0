using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Durable;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Local.Tests.Durable;

/// <summary>The one hand-off rule both hosts use, over a recording client (the real clients are exercised end to end).</summary>
public sealed class SagaOrchestrationSignallerTests
{
    private static readonly SagaKey Key = SagaKey.Payment(Msn.Create("123456").Value, PaymentReference.Create("order-10001").Value);
    private static readonly SagaProgress Waiting = new(Key, [], false, DateTimeOffset.UnixEpoch, false);
    private static readonly SagaProgress Idle = new(Key, [], false, null, false);

    [Fact]
    public async Task a_live_orchestration_is_raised_the_progress_and_nothing_is_started()
    {
        var client = new RecordingClient { Live = true };

        await new SagaOrchestrationSignaller(client).SignalAsync(Idle, CancellationToken.None);

        Assert.Equal(["live? saga-payment-123456-order-10001", "raise saga-payment-123456-order-10001"], client.Calls);
        Assert.Equal((Idle.Key, Idle.NextWakeUpAt, Idle.IsFinished), SagaHostingJson.ReadProgress(client.LastPayload) is var p ? (p.Key, p.NextWakeUpAt, p.IsFinished) : default);
    }

    [Fact]
    public async Task a_saga_that_needs_an_orchestration_and_has_none_is_started_under_its_instance_id()
    {
        var client = new RecordingClient();

        await new SagaOrchestrationSignaller(client).SignalAsync(Waiting, CancellationToken.None);

        Assert.Equal(["live? saga-payment-123456-order-10001", "start saga-payment-123456-order-10001"], client.Calls);
    }

    [Fact]
    public async Task a_start_that_loses_the_race_to_another_trigger_raises_instead()
    {
        var client = new RecordingClient { StartRefused = true };

        await new SagaOrchestrationSignaller(client).SignalAsync(Waiting, CancellationToken.None);

        Assert.Equal(["live? saga-payment-123456-order-10001", "start saga-payment-123456-order-10001", "raise saga-payment-123456-order-10001"], client.Calls);
    }

    [Fact]
    public async Task a_saga_that_waits_only_for_input_starts_nothing()
    {
        var client = new RecordingClient();

        await new SagaOrchestrationSignaller(client).SignalAsync(Idle, CancellationToken.None);

        Assert.Equal(["live? saga-payment-123456-order-10001"], client.Calls);
    }

    [Fact]
    public async Task a_saga_its_apply_just_created_is_started_without_asking_whether_it_runs()
    {
        var client = new RecordingClient();

        await new SagaOrchestrationSignaller(client).SignalAsync(Waiting with { IsNew = true }, CancellationToken.None);

        Assert.Equal(["start saga-payment-123456-order-10001"], client.Calls);
    }

    [Fact]
    public async Task a_saga_whose_saved_over_row_shows_its_orchestration_running_is_raised_without_asking()
    {
        var client = new RecordingClient();

        await new SagaOrchestrationSignaller(client).SignalAsync(Idle with { OrchestrationRuns = true }, CancellationToken.None);

        Assert.Equal(["raise saga-payment-123456-order-10001"], client.Calls);
    }

    [Fact]
    public async Task a_new_saga_whose_key_still_has_a_live_orchestration_raises_to_it()
    {
        var client = new RecordingClient { StartRefused = true };

        await new SagaOrchestrationSignaller(client).SignalAsync(Waiting with { IsNew = true }, CancellationToken.None);

        Assert.Equal(["start saga-payment-123456-order-10001", "raise saga-payment-123456-order-10001"], client.Calls);
    }

    private sealed class RecordingClient : ISagaOrchestrationClient
    {
        public bool Live { get; init; }

        public bool StartRefused { get; init; }

        public List<string> Calls { get; } = [];

        public string? LastPayload { get; private set; }

        public Task<bool> IsLiveAsync(string instanceId, CancellationToken cancellationToken)
        {
            Calls.Add("live? " + instanceId);
            return Task.FromResult(Live);
        }

        public Task<bool> TryStartAsync(string instanceId, string input, CancellationToken cancellationToken)
        {
            Calls.Add("start " + instanceId);
            LastPayload = input;
            return Task.FromResult(!StartRefused);
        }

        public Task RaiseAsync(string instanceId, string payload, CancellationToken cancellationToken)
        {
            Calls.Add("raise " + instanceId);
            LastPayload = payload;
            return Task.CompletedTask;
        }
    }
}
