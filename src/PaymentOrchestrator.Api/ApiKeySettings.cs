namespace PaymentOrchestrator.Api;

/// <summary>One API key of the refund and query endpoints. The caller acts as <see cref="Source"/>.</summary>
public sealed class ApiKeySettings
{
    /// <summary>Who holds the key (shown in logs, never the key).</summary>
    public string? Name { get; set; }

    /// <summary>The key: at least 16 characters; from user secrets or the environment, never a committed file.</summary>
    public string? Key { get; set; }

    /// <summary>
    /// The CloudEvents source the caller's requests carry, e.g. <c>finance/acme</c>. A sales unit must bind it, so a
    /// key can refund and read only the sales units that trust it.
    /// </summary>
    public string? Source { get; set; }

    /// <summary>
    /// True for the partner's operators: the key may also list, sync, register and onboard sales units
    /// (<c>/api/sales-units…</c>). Partner-wide, so never given to a webshop's or one merchant's finance key.
    /// </summary>
    public bool ManagesSalesUnits { get; set; }

    /// <summary>Never prints the key.</summary>
    public override string ToString() => $"ApiKeySettings {{ Name = {Name}, Key = ***, Source = {Source}, ManagesSalesUnits = {ManagesSalesUnits} }}";
}
