using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Orchestration.Hosting;

/// <summary>The input of the Apply activity: one input for one saga (a wake-up or a command's result).</summary>
public sealed record ApplyRequest(SagaKey Key, SagaInput Input);
