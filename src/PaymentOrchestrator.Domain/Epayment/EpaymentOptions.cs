using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Domain.Epayment;

/// <summary>Timing of the ePayment saga; the defaults follow Vipps' guidance.</summary>
public sealed record EpaymentOptions
{
    public PollingPolicy Polling { get; init; } = new();

    public RetryPolicy Retry { get; init; } = new();

    /// <summary>Card networks release reservations after about 7 days (Visa 5–7, BankAxept 7).</summary>
    public TimeSpan CardHold { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long before a capture deadline the webshop is warned.</summary>
    public TimeSpan CaptureDeadlineLead { get; init; } = TimeSpan.FromDays(1);
}
