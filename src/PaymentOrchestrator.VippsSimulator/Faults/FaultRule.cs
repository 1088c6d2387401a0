namespace PaymentOrchestrator.VippsSimulator;

/// <summary>Body of <c>POST /simulator/faults</c>.</summary>
public sealed class FaultRule
{
    /// <summary>Operation name (for example <c>epayment.capture</c>, <c>token</c>) or <c>*</c> for every API operation.</summary>
    public string Route { get; set; } = "*";

    /// <summary>What happens to a matching request.</summary>
    public FaultKind Kind { get; set; } = FaultKind.Error;

    /// <summary>HTTP status for Error and LostResponse (default 500; 0 with LostResponse aborts the connection).</summary>
    public int? Status { get; set; }

    /// <summary>Probability (0..1) that a matching request is hit when <see cref="Count"/> is null; uses the seeded Random.</summary>
    public double Rate { get; set; } = 1.0;

    /// <summary>Hit exactly the next N matching requests (then the rule is spent); null = unlimited, governed by <see cref="Rate"/>.</summary>
    public int? Count { get; set; }

    /// <summary>Retry-After seconds for RateLimit (default 1).</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>Added delay for Latency (and before any other kind when set).</summary>
    public int? LatencyMs { get; set; }

    /// <summary>Error code the Error kind's problem carries (ePayment <c>extraDetails</c> ErrorCode, e.g. <c>6160</c>).</summary>
    public string? ErrorCode { get; set; }

    /// <summary>Hit only requests for this Merchant-Serial-Number (header); null = every MSN.</summary>
    public string? Msn { get; set; }
}
