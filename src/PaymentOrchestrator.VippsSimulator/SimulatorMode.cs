namespace PaymentOrchestrator.VippsSimulator;

/// <summary>Which Vipps environment the simulator imitates.</summary>
public enum SimulatorMode
{
    /// <summary>Like https://api.vipps.no: partner keys work, the force-approve test endpoints do not.</summary>
    Production,

    /// <summary>Like https://apitest.vipps.no: partner keys are refused, force approve/accept work.</summary>
    Test,
}
