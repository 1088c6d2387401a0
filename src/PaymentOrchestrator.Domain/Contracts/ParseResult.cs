namespace PaymentOrchestrator.Domain.Contracts;

/// <summary>What the parser made of a message: an event, or a rejection that says exactly why.</summary>
public abstract record ParseResult;

public sealed record Parsed(IncomingEvent Event) : ParseResult;

/// <param name="Message">Names the field by its JSON path, e.g. <c>data.amount.value</c>, and what was wrong.</param>
public sealed record Rejected(RejectionCode Code, string Message) : ParseResult;
