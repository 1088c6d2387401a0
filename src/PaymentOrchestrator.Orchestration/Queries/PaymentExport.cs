using System.Globalization;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Orchestration.Queries;

/// <summary>The export's separator: <c>;</c> with a decimal comma opens cleanly in Norwegian and Danish Excel.</summary>
public enum CsvSeparator
{
    Semicolon,
    Comma,
}

/// <summary>
/// A sales unit's payments created in a date range as UTF-8 CSV: one line per saga, each followed by a line per capture
/// and refund (time, amount, reason, who). Written while it reads the list index (<see cref="SagaStore.ReadListAsync"/>,
/// 1,000 rows per request), so memory stays the same however many payments there are. Cells a spreadsheet would run as
/// a formula get a leading <c>'</c>.
/// </summary>
public static class PaymentExport
{
    /// <summary>The longest range one export covers.</summary>
    public const int MaxDays = 366;

    public static readonly IReadOnlyList<string> Columns =
    [
        "msn", "line", "kind", "reference", "status", "currency", "amount", "captured", "refunded", "cancelled",
        "createdAtUtc", "updatedAtUtc", "operationId", "operationAtUtc", "reason", "requestedBy", "apiKeyName", "source",
    ];

    /// <summary>Null when [from, to) is a range one export may cover; otherwise why not.</summary>
    public static string? Validate(DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is not { } f || to is not { } t)
        {
            return "Give the range as from and to (ISO 8601 dates or instants, e.g. from=2026-12-01&to=2026-12-08; to is exclusive).";
        }

        if (t <= f)
        {
            return "to must be after from.";
        }

        return t - f > TimeSpan.FromDays(MaxDays) ? $"One export covers at most {MaxDays} days; split the range." : null;
    }

    /// <summary>Writes the header and every line of the range, newest payment first; returns how many payments it wrote.</summary>
    public static async Task<int> WriteAsync(
        SagaStore store, Msn msn, DateTimeOffset from, DateTimeOffset to, CsvSeparator separator, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(writer);
        await store.EnsureListIndexAsync(msn, cancellationToken);
        await WriteLineAsync(writer, separator, Columns);
        var payments = 0;
        await foreach (var line in store.ReadListAsync(msn, new SagaListRange(from, to, WithOperations: true), 1000, cancellationToken))
        {
            await WriteLineAsync(writer, separator, Cells(msn, line, separator));
            payments += line.Saga is null ? 0 : 1;
        }

        await writer.FlushAsync(cancellationToken);
        return payments;
    }

    /// <summary>The cells of one index line, in <see cref="Columns"/> order.</summary>
    public static IReadOnlyList<string?> Cells(Msn msn, SagaListLine line, CsvSeparator separator)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Saga is { } s)
        {
            return
            [
                msn.Value, "payment", s.Kind.ToString(), s.Id, s.MoneyStatus, s.Currency,
                Amount(s.AmountMinorUnits, separator), Amount(s.CapturedMinorUnits, separator), Amount(s.RefundedMinorUnits, separator),
                Amount(s.CancelledMinorUnits, separator), Time(s.CreatedAt), Time(s.UpdatedAt), null, null, null, null, null, null,
            ];
        }

        var op = line.Operation!;
        return
        [
            msn.Value, op.Kind.ToString().ToLowerInvariant(), op.SagaKind.ToString(), op.SagaId, op.Status, op.Currency,
            Amount(op.AmountMinorUnits, separator), null, null, null, null, null, op.OperationId, Time(op.SucceededAt ?? op.AcceptedAt),
            op.Reason, op.RequestedBy, op.RequestedByKey, op.RequestedBySource,
        ];
    }

    /// <summary>
    /// One cell as CSV: a leading <c>= + - @</c>, tab or CR gets a <c>'</c> so that a spreadsheet shows it as text, and a
    /// cell holding the separator, a quote or a line break is quoted (quotes doubled).
    /// </summary>
    public static string Cell(string? text, CsvSeparator separator)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        var sep = separator == CsvSeparator.Semicolon ? ';' : ',';
        return text.IndexOfAny([sep, '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    /// <summary>Minor units as major with two decimals (NOK, DKK and EUR all have two): <c>1234,50</c> or <c>1234.50</c>, no grouping.</summary>
    public static string? Amount(long? minorUnits, CsvSeparator separator)
    {
        if (minorUnits is not { } minor)
        {
            return null;
        }

        var text = (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);
        return separator == CsvSeparator.Semicolon ? text.Replace('.', ',') : text;
    }

    /// <summary>UTC as <c>yyyy-MM-dd HH:mm:ss</c>: a form Excel reads as a date and time in any locale.</summary>
    private static string? Time(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static Task WriteLineAsync(TextWriter writer, CsvSeparator separator, IEnumerable<string?> cells) =>
        writer.WriteAsync(string.Join(separator == CsvSeparator.Semicolon ? ";" : ",", cells.Select(c => Cell(c, separator))) + "\r\n");
}
