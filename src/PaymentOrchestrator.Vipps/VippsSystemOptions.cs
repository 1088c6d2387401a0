namespace PaymentOrchestrator.Vipps;

/// <summary>
/// The <c>Vipps-System-*</c> headers sent on every call (at most 30 characters each; mandatory for partners and
/// plugins). Bound from <c>Vipps:System</c>.
/// </summary>
public sealed class VippsSystemOptions
{
    /// <summary>Vipps-System-Name, e.g. <c>paymentorchestrator</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Vipps-System-Version, e.g. <c>1.0.0</c>.</summary>
    public string? Version { get; set; }

    /// <summary>Vipps-System-Plugin-Name.</summary>
    public string? PluginName { get; set; }

    /// <summary>Vipps-System-Plugin-Version.</summary>
    public string? PluginVersion { get; set; }
}
