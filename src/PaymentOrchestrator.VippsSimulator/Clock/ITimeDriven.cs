namespace PaymentOrchestrator.VippsSimulator.Clock;

/// <summary>State that changes with time alone (expiry, auto-approve, charge due dates).</summary>
internal interface ITimeDriven
{
    /// <summary>Applies everything that is due at the simulator clock's now.</summary>
    void Sweep();
}
