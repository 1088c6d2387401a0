namespace PaymentOrchestrator.Storage.Queues;

/// <summary>The service's answer to <c>QueueClient.SendMessageAsync</c>.</summary>
/// <param name="MessageId">The new message's id.</param>
/// <param name="InsertionTime">When the message was stored.</param>
/// <param name="ExpirationTime">When it expires (year 9999 for an infinite time-to-live).</param>
/// <param name="PopReceipt">Receipt that allows updating or deleting the message while it is still invisible.</param>
/// <param name="TimeNextVisible">When the message becomes visible to receivers.</param>
public sealed record SendReceipt(
    string MessageId, DateTimeOffset InsertionTime, DateTimeOffset ExpirationTime, string PopReceipt, DateTimeOffset TimeNextVisible);
