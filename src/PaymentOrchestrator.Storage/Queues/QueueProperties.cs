namespace PaymentOrchestrator.Storage.Queues;

/// <summary>Queue properties from <see cref="QueueClient.GetPropertiesAsync"/>.</summary>
/// <param name="ApproximateMessagesCount">Approximate number of messages (visible or not; the service does not count exactly).</param>
/// <param name="Metadata">User metadata (<c>x-ms-meta-*</c>).</param>
public sealed record QueueProperties(int ApproximateMessagesCount, IReadOnlyDictionary<string, string> Metadata);
