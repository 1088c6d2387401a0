namespace PaymentOrchestrator.Api;

/// <summary>
/// Who called, by API key: a name for logs, the CloudEvents source the call acts as, and whether the key may manage
/// the partner's sales units (<see cref="ApiKeySettings.ManagesSalesUnits"/>).
/// </summary>
public sealed record ApiCaller(string Name, string Source, bool ManagesSalesUnits = false);
