using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Orchestration.Queries;

/// <summary>One saga a person should look at: why (<c>needs-attention</c> or <c>capture-deadline</c>), where it stands and what is next.</summary>
public sealed record AttentionItem(string Why, SagaSummary Summary, SagaNextStep Next);

/// <summary>
/// The sagas of a sales unit that need a person: those stopped in NeedsAttention (with the Vipps problem) and
/// authorized payments with something left to capture whose capture deadline is within twice the warning lead.
/// </summary>
public sealed class NeedsAttentionQuery(SagaStore store, SagaDeciders deciders, TimeProvider time)
{
    public const string NeedsAttention = "needs-attention";

    public const string CaptureDeadline = "capture-deadline";

    /// <summary>At most this many sagas are read in full per sales unit (the listing itself is not limited).</summary>
    public const int MaxLoadedPerSalesUnit = 200;

    public async Task<IReadOnlyList<AttentionItem>> ForSalesUnitAsync(Msn msn, CancellationToken cancellationToken = default)
    {
        var candidates = (await store.ListAsync(msn, cancellationToken: cancellationToken))
            .Where(s => s.Status == NeedsAttentionStatus
                || (s.Kind == SagaKind.Payment && s.Status == AuthorizedStatus
                    && (s.AmountMinorUnits ?? 0) - (s.CapturedMinorUnits ?? 0) - (s.CancelledMinorUnits ?? 0) > 0))
            .OrderByDescending(s => s.UpdatedAt)
            .Take(MaxLoadedPerSalesUnit)
            .ToList();
        var horizon = time.GetUtcNow() + (2 * deciders.Epayment.Options.CaptureDeadlineLead);
        var items = new List<AttentionItem>();
        foreach (var summary in candidates)
        {
            if (await store.LoadAsync(new SagaKey(summary.Kind, msn, summary.Id), cancellationToken) is not { } stored)
            {
                continue;
            }

            var next = SagaNextStep.From(stored.State, deciders.Epayment);
            if (stored.Summary.Status == NeedsAttentionStatus)
            {
                items.Add(new AttentionItem(NeedsAttention, stored.Summary, next));
            }
            else if (next.CaptureDeadlines.Count > 0 && next.CaptureDeadlines.Min(d => d.Deadline) <= horizon)
            {
                items.Add(new AttentionItem(CaptureDeadline, stored.Summary, next));
            }
        }

        return items;
    }

    private const string NeedsAttentionStatus = "NeedsAttention";

    private const string AuthorizedStatus = "Authorized";
}
