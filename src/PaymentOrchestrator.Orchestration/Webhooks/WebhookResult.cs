using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Orchestration.Webhooks;

/// <summary>What became of a webhook delivery. <see cref="WebhookUnauthorized"/> is answered 401, <see cref="WebhookMalformed"/> 400.</summary>
public abstract record WebhookResult;

/// <summary>The signature did not verify (or is stale): answer 401, change nothing.</summary>
public sealed record WebhookUnauthorized(string Reason) : WebhookResult;

/// <summary>Signed correctly but about nothing we run (or not parseable): answer 200 so Vipps stops retrying; the reason is logged.</summary>
public sealed record WebhookIgnored(string Reason) : WebhookResult;

/// <summary>Signed correctly but not readable JSON (e.g. a property given twice): answer 400 with the reason.</summary>
public sealed record WebhookMalformed(string Reason) : WebhookResult;

/// <summary>
/// The signal is in the saga's row; hand <see cref="Progress"/> to its orchestration (it reads the resource back) when
/// it <see cref="Changed"/> the row. One that changed nothing (a read of the resource already queued) needs no signal.
/// </summary>
public sealed record WebhookApplied(SagaKey Saga, string EventName, SagaProgress Progress, bool Changed = true) : WebhookResult;
