namespace PaymentOrchestrator.Local.Configuration;

/// <summary>The in-process Vipps simulator (<c>Local:Simulator</c>).</summary>
public sealed class LocalSimulatorSettings
{
    /// <summary>Null: start it when no Vipps key set is configured. True/false force it on or off.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Its port on 127.0.0.1 (its landing pages are where customers approve); 0 picks a free one.</summary>
    public int Port { get; set; } = 5090;

    /// <summary>When set, the simulated customer approves every payment and agreement after this delay.</summary>
    public TimeSpan? AutoApproveAfter { get; set; }

    /// <summary>Vipps' per-reference rate limits.</summary>
    public bool RateLimitsEnabled { get; set; } = true;

    /// <summary>
    /// The simulated customer whose details the simulator's Userinfo API returns (<c>Local:Simulator:TestPerson</c>,
    /// e.g. <c>Local:Simulator:TestPerson:GivenName</c>); a fictitious default when not set.
    /// </summary>
    public VippsSimulator.Userinfo.SimulatorTestPerson TestPerson { get; set; } = new();
}
