using System.Globalization;
using System.Text;

namespace PaymentOrchestrator.Domain.Contracts;

/// <summary>
/// Text a person reads (a reason, a requester, a log line) must show what it holds: no control characters (a terminal
/// obeys ESC sequences, CR and BS rewrite a line), no bidirectional controls (U+202E shows "kr 001" for "100 rk"), no
/// invisible characters, no lone surrogates. Allowed: printable text in any script, including U+200D (the zero-width
/// joiner emoji sequences use).
/// </summary>
public static class PlainText
{
    /// <summary>Why <paramref name="text"/> is not plain, naming <paramref name="where"/> and the code point (never the text); null when it is.</summary>
    public static string? Refusal(string text, string where)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            if (IsPair(text, i))
            {
                i++;
                continue;
            }

            if (Kind(text[i]) is { } kind)
            {
                return $"{where} holds {kind} (U+{(int)text[i]:X4}) at position {i.ToString(CultureInfo.InvariantCulture)}; send plain text.";
            }
        }

        return null;
    }

    /// <summary>The text with every character that is not plain written as <c>\uXXXX</c>, for a log line or a terminal.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? escaped = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsPair(text, i))
            {
                escaped?.Append(text, i, 2);
                i++;
                continue;
            }

            if (Kind(text[i]) is null)
            {
                escaped?.Append(text[i]);
                continue;
            }

            escaped ??= new StringBuilder(text, 0, i, text.Length + 16);
            escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)text[i]:X4}");
        }

        return escaped?.ToString() ?? text;
    }

    private static bool IsPair(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);

    private static string? Kind(char c) => c switch
    {
        _ when char.IsSurrogate(c) => "a lone surrogate",
        _ when char.IsControl(c) => "a control character",
        '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') => "a bidirectional control character",
        '\u200B' or '\u200C' or '\u2060' or '\uFEFF' or '\u180E' or (>= '\u2061' and <= '\u2064') => "an invisible character",
        _ => null,
    };
}
