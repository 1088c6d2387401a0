using System.Globalization;

namespace PaymentOrchestrator.Storage.Tables;

/// <summary>
/// Builds OData <c>$filter</c> expressions safely: values interpolated into a <see cref="FormattableString"/> become
/// typed literals (strings quoted with <c>'</c> doubled, <c>123L</c>, <c>datetime'…'</c>, <c>guid'…'</c>, <c>X'…'</c>),
/// so user input can never change the expression. Same as Azure.Data.Tables' <c>TableClient.CreateQueryFilter</c>.
/// </summary>
public static class TableFilter
{
    /// <summary>E.g. <c>Create($"PartitionKey eq {pk} and Amount gt {100L}")</c>.</summary>
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var args = filter.GetArguments().Select(a => (object)FormatLiteral(a)).ToArray();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, args);
    }

    /// <summary>One value as an OData literal.</summary>
    /// <exception cref="ArgumentException">The type has no table literal (e.g. decimal).</exception>
    public static string FormatLiteral(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        char c => Quote(c.ToString()),
        bool b => b ? "true" : "false",
        byte or sbyte or short or ushort or int => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        uint or long => Convert.ToString(value, CultureInfo.InvariantCulture) + "L",
        double d => FormatDouble(d),
        float f => FormatDouble(f),
        DateTime dt => $"datetime'{TableEntityMapper.FormatDateTime(dt)}'",
        DateTimeOffset dto => $"datetime'{TableEntityMapper.FormatDateTime(dto.UtcDateTime)}'",
        Guid g => $"guid'{g:D}'",
        byte[] bytes => $"X'{Convert.ToHexStringLower(bytes)}'",
        BinaryData data => $"X'{Convert.ToHexStringLower(data.ToArray())}'",
        Enum e => FormatLiteral(Convert.ChangeType(e, Enum.GetUnderlyingType(e.GetType()), CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException($"A value of type {value.GetType().Name} cannot be used in a table filter.", nameof(value)),
    };

    private static string Quote(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string FormatDouble(double d)
    {
        if (!double.IsFinite(d))
        {
            throw new ArgumentException("NaN and infinities cannot be used in a table filter.", nameof(d));
        }

        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }
}
