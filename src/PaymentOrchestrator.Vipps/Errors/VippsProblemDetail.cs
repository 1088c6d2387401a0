namespace PaymentOrchestrator.Vipps.Errors;

/// <summary>
/// One entry of a problem's <c>extraDetails</c>: ePayment and Webhooks send <c>{name, reason}</c>, Recurring
/// <c>{field, text}</c>; both land here as (<see cref="Name"/>, <see cref="Reason"/>).
/// </summary>
/// <param name="Name">The <c>name</c> or <c>field</c>, e.g. <c>ErrorCode</c> or <c>productName</c>.</param>
/// <param name="Reason">The <c>reason</c> or <c>text</c>, e.g. <c>6080</c>.</param>
public sealed record VippsProblemDetail(string Name, string Reason);
