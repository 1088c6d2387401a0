using System.Globalization;
using System.Text;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Stores;

namespace PaymentOrchestrator.Orchestration.Queries;

/// <summary>What the console's list asks for: filters, a page size and where the previous page ended.</summary>
/// <param name="Status">A money status (<see cref="PaymentOrchestrator.Domain.Sagas.MoneyStatus"/>, case-insensitive).</param>
/// <param name="From">Created at or after (inclusive).</param>
/// <param name="To">Created before (exclusive).</param>
/// <param name="Search">Part of the reference, subscription id or charge id (case-insensitive).</param>
public sealed record PaymentListFilter(
    SagaKind? Kind = null,
    string? Status = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Search = null,
    int Limit = PaymentListQuery.DefaultLimit,
    string? Continuation = null);

/// <summary>One page: the rows, how many match in all, the token of the next page (null on the last) and every money status seen.</summary>
public sealed record PaymentPage(IReadOnlyList<SagaSummary> Items, int Total, string? Continuation, IReadOnlyList<string> Statuses);

/// <summary>
/// Filters, orders (last change first) and pages a sales unit's sagas. The continuation token names the last row
/// shown (its last change, kind and id), so a page never repeats or skips a row that did not change in between.
/// </summary>
public static class PaymentListQuery
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 500;

    /// <summary>Null when the token is valid (or absent); otherwise why it is not.</summary>
    public static string? Validate(PaymentListFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Limit is < 1 or > MaxLimit)
        {
            return $"limit must be between 1 and {MaxLimit}.";
        }

        if (filter.From is { } from && filter.To is { } to && to <= from)
        {
            return "to must be after from.";
        }

        return filter.Continuation is not null && ReadToken(filter.Continuation) is null ? "The continuation token is not one this API issued." : null;
    }

    public static PaymentPage Page(IEnumerable<SagaSummary> sagas, PaymentListFilter filter)
    {
        ArgumentNullException.ThrowIfNull(sagas);
        if (Validate(filter) is { } error)
        {
            throw new ArgumentException(error, nameof(filter));
        }

        var all = sagas.ToList();
        var matching = all
            .Where(s => filter.Kind is not { } kind || s.Kind == kind)
            .Where(s => string.IsNullOrEmpty(filter.Status) || string.Equals(s.MoneyStatus, filter.Status, StringComparison.OrdinalIgnoreCase))
            .Where(s => filter.From is not { } from || s.CreatedAt >= from)
            .Where(s => filter.To is not { } to || s.CreatedAt < to)
            .Where(s => string.IsNullOrWhiteSpace(filter.Search) || s.Id.Contains(filter.Search.Trim(), StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(s => s.UpdatedAt.UtcTicks)
            .ThenBy(s => s.Kind)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();

        IEnumerable<SagaSummary> rest = matching;
        if (filter.Continuation is not null && ReadToken(filter.Continuation) is { } after)
        {
            rest = matching.Where(s => IsAfter(s, after));
        }

        var page = rest.Take(filter.Limit + 1).ToList();
        var more = page.Count > filter.Limit;
        if (more)
        {
            page.RemoveAt(page.Count - 1);
        }

        var statuses = all.Select(s => s.MoneyStatus).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new PaymentPage(page, matching.Count, more ? Token(page[^1]) : null, statuses);
    }

    private static bool IsAfter(SagaSummary s, (long Ticks, SagaKind Kind, string Id) after)
    {
        var ticks = s.UpdatedAt.UtcTicks;
        if (ticks != after.Ticks)
        {
            return ticks < after.Ticks;
        }

        return s.Kind != after.Kind ? s.Kind > after.Kind : string.CompareOrdinal(s.Id, after.Id) > 0;
    }

    private static string Token(SagaSummary last)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"v1|{last.UpdatedAt.UtcTicks}|{(int)last.Kind}|{last.Id}");
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static (long Ticks, SagaKind Kind, string Id)? ReadToken(string token)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('|', 4);
            if (parts.Length == 4 && parts[0] == "v1"
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var kind) && Enum.IsDefined((SagaKind)kind)
                && parts[3].Length > 0)
            {
                return (ticks, (SagaKind)kind, parts[3]);
            }
        }
        catch (FormatException)
        {
            // Not base64: not ours.
        }

        return null;
    }
}
