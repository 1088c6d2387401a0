using PaymentOrchestrator.Domain.Contracts;

namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// The one place that says which right each event type needs, how rights are written (<c>payments,captures</c>, or a
/// preset <c>webshop</c>, <c>finance</c>, <c>all</c>) and what a new binding gets when none are named.
/// </summary>
public static class SourceRightsRules
{
    private static readonly (string Name, SourceRights Right)[] Names =
    [
        ("payments", SourceRights.Payments), ("captures", SourceRights.Captures), ("cancels", SourceRights.Cancels),
        ("refunds", SourceRights.Refunds), ("agreements", SourceRights.Agreements), ("charges", SourceRights.Charges),
        ("reads", SourceRights.Reads), ("reconciles", SourceRights.Reconciles),
    ];

    private static readonly (string Name, SourceRights Right)[] Presets =
    [
        ("webshop", SourceRights.Webshop), ("finance", SourceRights.Finance), ("all", SourceRights.All),
    ];

    /// <summary>The right an event of <paramref name="eventType"/> needs (stopping an agreement is an agreement right).</summary>
    public static SourceRights NeededFor(string eventType) => eventType switch
    {
        IncomingEventTypes.PaymentRequested => SourceRights.Payments,
        IncomingEventTypes.PaymentCaptureRequested or IncomingEventTypes.ChargeCaptureRequested => SourceRights.Captures,
        IncomingEventTypes.PaymentCancelRequested or IncomingEventTypes.ChargeCancelRequested => SourceRights.Cancels,
        IncomingEventTypes.PaymentRefundRequested or IncomingEventTypes.ChargeRefundRequested => SourceRights.Refunds,
        IncomingEventTypes.AgreementRequested or IncomingEventTypes.AgreementStopRequested => SourceRights.Agreements,
        IncomingEventTypes.ChargeRequested => SourceRights.Charges,
        _ => SourceRights.All,
    };

    /// <summary>
    /// Rights of a new binding that names none: <c>webshop/…</c> gets the webshop's, <c>finance/…</c> finance's; any
    /// other source must name its rights (null).
    /// </summary>
    public static SourceRights? DefaultFor(string source) =>
        source.StartsWith("webshop/", StringComparison.Ordinal) ? SourceRights.Webshop
        : source.StartsWith("finance/", StringComparison.Ordinal) ? SourceRights.Finance
        : null;

    /// <summary><c>payments,captures</c> (each right once or more, in any order; presets allowed), or null.</summary>
    public static SourceRights? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rights = SourceRights.None;
        foreach (var word in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var match = Names.Concat(Presets).FirstOrDefault(n => string.Equals(n.Name, word, StringComparison.OrdinalIgnoreCase));
            if (match.Name is null)
            {
                return null;
            }

            rights |= match.Right;
        }

        return rights == SourceRights.None ? null : rights;
    }

    /// <summary>The rights as <c>payments,captures,…</c> (in a fixed order).</summary>
    public static string Format(SourceRights rights) =>
        rights == SourceRights.None ? "none" : string.Join(',', Names.Where(n => rights.HasFlag(n.Right)).Select(n => n.Name));

    /// <summary>Every right's name, for help and error texts.</summary>
    public static string AllNames => string.Join(", ", Names.Select(n => n.Name)) + " (or webshop, finance, all)";

    /// <summary>
    /// A binding as written on the command line: <c>webshop/acme:payments,captures</c> or just <c>webshop/acme</c>. The
    /// text after the last ':' is read as rights only when every word of it is a right, so a source such as
    /// <c>urn:acme:shop</c> stays whole.
    /// </summary>
    public static (string Source, SourceRights? Rights) ParseBinding(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        if (colon > 0 && Parse(text[(colon + 1)..]) is { } rights)
        {
            return (text[..colon], rights);
        }

        return (text, null);
    }
}
