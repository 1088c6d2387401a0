using PaymentOrchestrator.Orchestration.Queries;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Api.DeadLetters;

/// <summary>
/// A dead letter as the console shows it, the same in both hosts (a Storage poison queue locally, a Service Bus
/// dead-letter queue in Azure): the reason and description, where it came from, the sales unit it speaks for (read from
/// the original message, <see cref="DeadLetterOwner"/>) and the original message itself (cut at <see cref="MaxOriginalChars"/>,
/// a customer's phone number in it shown by its last two digits: <see cref="PersonalData"/>; a replay sends the stored message);
/// whether a replay can help (<see cref="Permanent"/>), and what earlier replays of its event did not erase (<see cref="History"/>).
/// </summary>
public sealed record DeadLetterView(
    string MessageId,
    string Reason,
    string Description,
    string Queue,
    DateTimeOffset PoisonedAt,
    long DequeueCount,
    string? Msn,
    string? EventType,
    string? EventId,
    string? Source,
    string OriginalEncoding,
    string Original,
    bool OriginalTruncated)
{
    public const int MaxOriginalChars = 16 * 1024;

    /// <summary>Refused for the message's own sake (<see cref="DeadLetterReasons"/>): a replay needs <c>force</c> and is refused again unchanged.</summary>
    public bool Permanent => DeadLetterReasons.IsPermanent(Reason);

    /// <summary>When its event was first dead-lettered and replayed since; null when it never was replayed (the letter's own facts are the first).</summary>
    public DeadLetterHistory? History { get; init; }

    /// <summary>The view of one dead letter; <paramref name="original"/> is UTF-8 text or, when it was not, base64.</summary>
    public static DeadLetterView Create(
        string messageId, string reason, string description, string queue, DateTimeOffset poisonedAt, long dequeueCount,
        string originalEncoding, string original)
    {
        ArgumentNullException.ThrowIfNull(original);
        var (msn, type, id, source) = Describe(originalEncoding, original);
        var shown = originalEncoding == "utf-8" ? PersonalData.MaskPhoneNumbers(original)! : original;
        var truncated = shown.Length > MaxOriginalChars;
        return new DeadLetterView(messageId, reason, description, queue, poisonedAt, dequeueCount,
            msn, type, id, source, originalEncoding, truncated ? shown[..MaxOriginalChars] : shown, truncated);
    }

    private static (string? Msn, string? Type, string? Id, string? Source) Describe(string originalEncoding, string original) =>
        originalEncoding == "utf-8" ? DeadLetterOwner.Describe(System.Text.Encoding.UTF8.GetBytes(original)) : (null, null, null, null);
}
