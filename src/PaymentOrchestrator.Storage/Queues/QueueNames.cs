namespace PaymentOrchestrator.Storage.Queues;

/// <summary>Client-side queue name rules, so a bad name fails clearly before any request.</summary>
internal static class QueueNames
{
    public static void Validate(string? name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var valid = name.Length is >= 3 and <= 63 &&
                    name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') &&
                    name[0] != '-' && name[^1] != '-' && !name.Contains("--", StringComparison.Ordinal);
        if (!valid)
        {
            throw new ArgumentException(
                $"Queue name '{name}' is invalid: use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.",
                nameof(name));
        }
    }
}
