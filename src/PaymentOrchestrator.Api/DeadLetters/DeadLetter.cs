namespace PaymentOrchestrator.Api.DeadLetters;

/// <summary>
/// One dead letter: its id in the dead-letter queue, the id of the original message, the sales unit it speaks for
/// (null when it names none: no key may see it), and the view the console shows (serialized as it is), which also
/// names the event type (and so the right a replay needs).
/// </summary>
public sealed record DeadLetter(string MessageId, string? OriginalMessageId, string? Msn, DeadLetterView View);
