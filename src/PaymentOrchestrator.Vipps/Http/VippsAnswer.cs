using PaymentOrchestrator.Vipps.Errors;

namespace PaymentOrchestrator.Vipps.Http;

/// <summary>A call's answer when some error statuses are answers: the body on success, else the parsed problem.</summary>
internal sealed record VippsAnswer<T>(int Status, T? Value, VippsProblem? Problem)
    where T : class;
