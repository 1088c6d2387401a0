namespace PaymentOrchestrator.Api.DeadLetters;

/// <summary>The first dead letters of one work queue, and the name of the queue that holds them.</summary>
public sealed record DeadLetterListing(string Queue, string DeadLetterQueue, IReadOnlyList<DeadLetter> Messages);
