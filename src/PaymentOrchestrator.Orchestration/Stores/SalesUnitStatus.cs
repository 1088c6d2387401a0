namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>Whether a sales unit may have events applied.</summary>
public enum SalesUnitStatus
{
    Active,
    Disabled,
}
