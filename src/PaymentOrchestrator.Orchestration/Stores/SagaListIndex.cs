using System.Globalization;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// The row keys of the list index, in the order the console lists and the export writes: newest creation first
/// (<c>L|{MaxTicks − created ticks, 19 digits}|</c>), ties by kind and id (<c>payment:REF|</c>), and each saga's captures
/// and refunds right after it (<c>payment:REF|capture:ID</c>). The saga key ends in <c>|</c>, so every row of one saga
/// shares its prefix and sorts together even when another id starts with this one. A creation instant never changes,
/// so a row never moves: paging by "after this key" neither skips nor repeats a row while sagas change.
/// </summary>
public static class SagaListIndex
{
    public const string Prefix = "L|";

    /// <summary>The row of the partition that says every saga written before the index existed has its index rows.</summary>
    internal const string BackfilledMarkerRowKey = "I|list-index-v1";

    public static string SagaRowKey(SagaKind kind, string id, DateTimeOffset createdAt) =>
        $"{Prefix}{Ticks(createdAt)}|{kind.ToString().ToLowerInvariant()}:{id}|";

    public static string SagaRowKey(SagaKey key, DateTimeOffset createdAt) => SagaRowKey(key.Kind, key.Id, createdAt);

    public static string OperationRowKey(SagaKey key, DateTimeOffset createdAt, OperationKind kind, string operationId) =>
        $"{SagaRowKey(key, createdAt)}{kind.ToString().ToLowerInvariant()}:{operationId}";

    /// <summary>
    /// The first key of rows created before <paramref name="at"/> (keys grow as creation goes back): one tick further
    /// back, counted on the key's side so that the earliest instant (<c>0001-01-01</c>, a valid <c>to</c>) has one too.
    /// </summary>
    public static string CreatedBefore(DateTimeOffset at) => $"{Prefix}{Ticks(at, ticksBack: 1)}|";

    /// <summary>The first key after every row created at or after <paramref name="at"/>.</summary>
    public static string CreatedAtOrAfterEnd(DateTimeOffset at) => $"{Prefix}{Ticks(at)}}}";

    /// <summary>The key's descending time: <paramref name="ticksBack"/> ticks before <paramref name="at"/>, counted on the key's side.</summary>
    private static string Ticks(DateTimeOffset at, long ticksBack = 0) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks + ticksBack).ToString("D19", CultureInfo.InvariantCulture);
}
