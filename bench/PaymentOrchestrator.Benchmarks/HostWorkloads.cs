using System.Globalization;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Local.Configuration;
using PaymentOrchestrator.Local.Events;
using Azure.Storage.Queues;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Benchmarks;

/// <summary>
/// The measured ePayment flow through the real local host (a child process): the benchmark acts as the webshop — it sends
/// CloudEvents to <c>requests-&lt;suffix&gt;</c> and reads outcomes from <c>events-&lt;suffix&gt;</c> — and as the customer
/// (simulator admin approve). Everything between is the host's: queue workers, Vipps calls, webhooks from the simulator
/// over HTTP, the Durable engine's timers and work items, all on the same Azurite.
/// </summary>
/// <param name="approveAfter">How long the customer takes to approve after <c>payment.created.v1</c> (zero: at once).</param>
internal sealed class HostWorkloads(LocalHostProcess host, QueueClient requests, OutcomeReader outcomes, SimulatorAdminClient admin, string runTag, TimeSpan approveAfter = default)
{
    /// <summary>One step (request → outcome) taking longer than this counts the saga as an error.</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The simulator's partner-linked Norwegian MSN: the sales unit every measured saga belongs to.</summary>
    public const string Msn = SimulatorDefaults.NorwayMsn;

    public const long Amount = 49_900;

    private readonly EventFactory _webshop = new(TimeProvider.System, LocalDefaults.WebshopSource);
    private int _sequence;

    public LocalHostProcess Host => host;

    /// <summary>create → (customer approves) → authorized → capture → captured, each step observed on the outcome queue; returns the reference.</summary>
    public Task<string> SagaAsync(CancellationToken cancellationToken) => SagaAsync(null, cancellationToken);

    /// <summary>
    /// The same saga; <paramref name="created"/> is told the time from the order event's queue send to reading
    /// <c>payment.created.v1</c> (the host's queue pickup included), with the reference and both ends by the wall clock.
    /// </summary>
    public async Task<string> SagaAsync(Action<CreatedRead>? created, CancellationToken cancellationToken)
    {
        const string msn = Msn;
        var reference = NextReference("h");
        var isCreated = outcomes.Expect(reference, OutgoingEventTypes.PaymentCreated);
        var authorized = outcomes.Expect(reference, OutgoingEventTypes.PaymentAuthorized);
        var captured = outcomes.Expect(reference, OutgoingEventTypes.PaymentCaptured);
        var sentAt = TimeProvider.System.GetUtcNow();
        var sent = System.Diagnostics.Stopwatch.StartNew();
        await requests.SendMessageAsync(BinaryData.FromBytes(_webshop.PaymentRequested(msn, reference, Amount, "NOK")), cancellationToken: cancellationToken);
        await outcomes.WaitAsync(isCreated, reference, "payment.created", StepTimeout, cancellationToken);
        created?.Invoke(new CreatedRead(reference, sent.Elapsed, sentAt, await isCreated));
        if (approveAfter > TimeSpan.Zero)
        {
            await Task.Delay(approveAfter, cancellationToken);
        }

        await admin.ApprovePaymentAsync(msn, reference, cancellationToken: cancellationToken);
        await outcomes.WaitAsync(authorized, reference, "payment.authorized", StepTimeout, cancellationToken);
        await requests.SendMessageAsync(BinaryData.FromBytes(_webshop.PaymentCaptureRequested(msn, reference, "ship-1", Amount, "NOK")), cancellationToken: cancellationToken);
        await outcomes.WaitAsync(captured, reference, "payment.captured", StepTimeout, cancellationToken);
        return reference;
    }

    /// <summary>Creates one saga on <paramref name="msn"/> and returns when the webshop sees payment.created (the customer never answers).</summary>
    public async Task AwaitingCustomerAsync(string msn, string currency, CancellationToken cancellationToken)
    {
        var reference = NextReference("m");
        var created = outcomes.Expect(reference, OutgoingEventTypes.PaymentCreated);
        await requests.SendMessageAsync(BinaryData.FromBytes(_webshop.PaymentRequested(msn, reference, Amount, currency)), cancellationToken: cancellationToken);
        await outcomes.WaitAsync(created, reference, "payment.created", StepTimeout, cancellationToken);
    }

    private string NextReference(string kind) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}-{runTag}-{Interlocked.Increment(ref _sequence):D7}");
}

/// <summary>One order's <c>payment.created.v1</c> as the webshop saw it: elapsed since the send, and both ends by the wall clock.</summary>
internal sealed record CreatedRead(string Reference, TimeSpan Elapsed, DateTimeOffset SentAt, DateTimeOffset ReadAt);
