namespace PaymentOrchestrator.VippsSimulator;

/// <summary>Accounts to load at start: the shape of the seed file and of <see cref="SimulatorOptions.Seed"/>.</summary>
public sealed class SimulatorSeed
{
    /// <summary>Sales units (MSN and market).</summary>
    public List<SalesUnitDefinition> SalesUnits { get; set; } = [];

    /// <summary>API key sets (partner, merchant, management, accounting).</summary>
    public List<KeySetDefinition> KeySets { get; set; } = [];
}
