using System.Collections.Immutable;

namespace PaymentOrchestrator.Domain.Sagas;

/// <summary>
/// The part every saga shares: the outbox of commands, the command counter that sequences idempotency keys, the
/// polling schedule and, once it stops, why it needs attention.
/// </summary>
public sealed record SagaCore(
    ImmutableList<OutboxEntry> Outbox,
    int CommandCount,
    DateTimeOffset? NextPollAt,
    int PollCount,
    Attention? Attention)
{
    public static SagaCore Empty { get; } = new([], 0, null, 0, null);

    public OutboxEntry? Head => Outbox.IsEmpty ? null : Outbox[0];

    public bool HasQueued<TCommand>() where TCommand : VippsCommand => Outbox.Exists(e => e.Command is TCommand);

    public SagaCore Apply(SagaEvent @event) => @event switch
    {
        CommandQueued q => this with
        {
            Outbox = IsGivingWay(Head)
                ? Outbox.Insert(0, new OutboxEntry(q.Command, 0, q.DueAt, null, null))
                : Outbox.Add(new OutboxEntry(q.Command, 0, q.DueAt, null, null)),
            CommandCount = CommandCount + 1,
        },
        CommandIssued i => MapHead(i.Key, e => e with { IssuedAt = i.At }),
        CommandRetryScheduled r => MapHead(r.Key, e => e with
        {
            Failures = r.Failures,
            DueAt = r.DueAt,
            IssuedAt = null,
            LastProblem = r.Problem,
        }),
        CommandSetAside a => Head is { } waiting && waiting.Command.Key == a.Key
            ? this with
            {
                Outbox = Outbox.RemoveAt(0).Add(waiting with { Failures = a.Failures, DueAt = a.DueAt, IssuedAt = null, LastProblem = a.Problem }),
            }
            : this,
        CommandCompleted c => Head is { } head && head.Command.Key == c.Key ? this with { Outbox = Outbox.RemoveAt(0) } : this,
        PollScheduled p => this with { NextPollAt = p.At, PollCount = p.PollCount },
        NeedsAttentionRaised n => this with
        {
            Outbox = [],
            NextPollAt = null,
            Attention = new Attention(n.Reason, n.Problem, n.Command, n.At),
        },
        _ => this,
    };

    /// <summary>A head that gives way and is not being executed: a newly queued call goes ahead of it.</summary>
    private static bool IsGivingWay(OutboxEntry? head) => head is { Command.GivesWay: true, IssuedAt: null };

    private SagaCore MapHead(Values.IdempotencyKey key, Func<OutboxEntry, OutboxEntry> map) =>
        Head is { } head && head.Command.Key == key ? this with { Outbox = Outbox.SetItem(0, map(head)) } : this;
}
