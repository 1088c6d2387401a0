namespace PaymentOrchestrator.Storage.Queues;

/// <summary>The service's answer to <see cref="QueueClient.UpdateMessageAsync"/>: the message's new pop receipt.</summary>
/// <param name="PopReceipt">Use this receipt from now on; the previous one no longer works.</param>
/// <param name="NextVisibleOn">When the message becomes visible again.</param>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);
