using System.Globalization;

namespace PaymentOrchestrator.Storage.Tables;

/// <summary>Client-side checks of keys and table names, so bad input fails with a clear message before any request.</summary>
internal static class TableKeys
{
    /// <summary>1 KiB of UTF-16, as the service (and Azurite) allow.</summary>
    public const int MaxKeyLength = 512;

    public static void Validate(string? value, string keyName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(keyName, $"{keyName} must not be null.");
        }

        if (value.Length > MaxKeyLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"{keyName} is {value.Length} characters long; table keys may be at most {MaxKeyLength} characters (1 KiB)."),
                keyName);
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                var shown = char.IsControl(c) ? "a control character" : $"'{c}'";
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"{keyName} '{Printable(value)}' contains {shown} (U+{(int)c:X4}) at position {i}; table keys must not contain / \\ # ? or control characters."),
                    keyName);
            }
        }
    }

    public static void ValidateTableName(string? name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var valid = name.Length is >= 3 and <= 63 && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit) &&
                    !name.Equals("tables", StringComparison.OrdinalIgnoreCase);
        if (!valid)
        {
            throw new ArgumentException(
                $"Table name '{name}' is invalid: use 3-63 ASCII letters and digits, starting with a letter (and not 'tables').",
                nameof(name));
        }
    }

    private static string Printable(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}") : c.ToString()));
}
