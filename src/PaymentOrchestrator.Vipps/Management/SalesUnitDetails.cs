namespace PaymentOrchestrator.Vipps.Management;

/// <summary>
/// A sales unit as the Management API describes it (management-v1.yaml <c>SalesUnit</c>; "more properties may be
/// added", and fields this client does not know are ignored).
/// </summary>
public sealed record SalesUnitDetails
{
    /// <summary>The MSN.</summary>
    public required string Msn { get; init; }

    /// <summary>The name customers see.</summary>
    public required string Name { get; init; }

    /// <summary>The merchant's business registration.</summary>
    public BusinessIdentifier? BusinessIdentifier { get; init; }

    /// <summary>What the unit may do; an empty configuration when Vipps sent none.</summary>
    public SalesUnitConfiguration Configuration { get; init; } = new();
}
