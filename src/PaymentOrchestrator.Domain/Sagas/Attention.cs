namespace PaymentOrchestrator.Domain.Sagas;

/// <summary>Why a saga stopped and needs a person: the reason, the Vipps problem if there was one, and the command.</summary>
public sealed record Attention(string Reason, VippsProblem? Problem, VippsCommand? Command, DateTimeOffset At);
