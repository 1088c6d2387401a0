using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Testing;

/// <summary>The <c>Vipps:*</c> configuration of an orchestrator that talks to a simulator with its partner keys (production mode, as Vipps requires for partner keys) and its accounting keys (Report API).</summary>
public static class SimulatorVippsSettings
{
    /// <summary>Configuration keys and values; add them to a host's or a test's settings.</summary>
    public static Dictionary<string, string?> For(Uri simulator)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        return new Dictionary<string, string?>
        {
            ["Vipps:Environment"] = "Production",
            ["Vipps:BaseAddress"] = simulator.ToString(),
            ["Vipps:PartnerKeySet"] = "partner",
            ["Vipps:KeySets:partner:Type"] = "Partner",
            ["Vipps:KeySets:partner:Environment"] = "Production",
            ["Vipps:KeySets:partner:ClientId"] = SimulatorDefaults.PartnerClientId,
            ["Vipps:KeySets:partner:ClientSecret"] = SimulatorDefaults.PartnerClientSecret,
            ["Vipps:KeySets:partner:SubscriptionKey"] = SimulatorDefaults.PartnerSubscriptionKey,
            ["Vipps:AccountingKeySet"] = "accounting",
            ["Vipps:KeySets:accounting:Type"] = "Accounting",
            ["Vipps:KeySets:accounting:Environment"] = "Production",
            ["Vipps:KeySets:accounting:ClientId"] = SimulatorDefaults.AccountingClientId,
            ["Vipps:KeySets:accounting:ClientSecret"] = SimulatorDefaults.AccountingClientSecret,
            ["Vipps:KeySets:accounting:SubscriptionKey"] = SimulatorDefaults.AccountingSubscriptionKey,
        };
    }
}
