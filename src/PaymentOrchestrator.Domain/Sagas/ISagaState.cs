using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Sagas;

/// <summary>What the runner needs from any saga state: its key, its outbox and when to wake it.</summary>
public interface ISagaState
{
    SagaKey Key { get; }

    SagaCore Core { get; }

    /// <summary>True once the saga has nothing more to do on its own (final state or needs attention).</summary>
    bool IsFinished { get; }
}
