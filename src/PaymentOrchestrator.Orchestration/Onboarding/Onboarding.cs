using System.Globalization;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Management;

namespace PaymentOrchestrator.Orchestration.Onboarding;

/// <summary>
/// One merchant's onboarding: the product order we sent (never anything secret: the request holds business data
/// only), its idempotency key (derived from <see cref="Id"/>, stored before the order is posted, so a retry or a crash
/// re-sends the same order), what Vipps answered, and what we have observed since. Transitions are pure: each takes
/// the time and what was seen and returns the next value; a repeat or an observation of a finished onboarding is a
/// no-op.
/// </summary>
public sealed record Onboarding
{
    /// <summary>Our id, e.g. <c>ob-20261207-001530-3f9a1c</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The partner and environment whose keys sent the order (the table partition).</summary>
    public required string Partner { get; init; }

    /// <summary>The order exactly as sent (re-sent byte for byte with the same key).</summary>
    public required ProductOrderRequest Request { get; init; }

    public required OnboardingStatus Status { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The merchant's sales units linked to us when the order was sent: a new one is the order's.</summary>
    public required IReadOnlyList<string> UnitsAtStart { get; init; }

    /// <summary>Every observed change, oldest first. Checks that saw nothing new are counted, not listed.</summary>
    public required IReadOnlyList<OnboardingStep> History { get; init; }

    /// <summary>Vipps's id of the product order.</summary>
    public string? OrderId { get; init; }

    /// <summary>The portal page to send to the merchant, who reviews and submits the order there.</summary>
    public Uri? PrefillUrl { get; init; }

    /// <summary>The new sales unit's MSN once it appeared.</summary>
    public string? Msn { get; init; }

    /// <summary>How many times we looked for the new sales unit and saw none.</summary>
    public int Checks { get; init; }

    public DateTimeOffset? LastCheckedAt { get; init; }

    /// <summary>Why the onboarding was refused or expired.</summary>
    public string? Reason { get; init; }

    /// <summary>The row's ETag as loaded or last saved: a save over a newer row fails instead of undoing it.</summary>
    internal Azure.ETag Version { get; init; }

    /// <summary>The <c>Idempotency-Key</c> of the order, the same on every send.</summary>
    public IdempotencyKey IdempotencyKey => IdempotencyKey.Create("onboard-" + Id);

    /// <summary>Whether the maintenance job still follows it.</summary>
    public bool InFlight => Status is OnboardingStatus.Sending or OnboardingStatus.Sent;

    /// <summary>The sales unit name, or the organisation number when none was given.</summary>
    public string Title => Request.SalesUnitName ?? Request.BusinessIdentifier.Id;

    /// <summary>A new onboarding, before its order is posted.</summary>
    public static Onboarding Begin(string id, string partner, ProductOrderRequest request, IEnumerable<string> unitsAtStart, DateTimeOffset now) => new()
    {
        Id = id,
        Partner = partner,
        Request = request,
        Status = OnboardingStatus.Sending,
        StartedAt = now,
        UnitsAtStart = [.. unitsAtStart],
        History = [new OnboardingStep(OnboardingStatus.Sending, now,
            $"Product order {FormatProduct(request.ProductType)} for {request.BusinessIdentifier} written; the merchant had {Describe(unitsAtStart)} linked to us.")],
    };

    /// <summary>An id from the time and a random suffix: <c>ob-yyyyMMdd-HHmmss-xxxxxx</c> (32 characters with the key's prefix).</summary>
    public static string NewId(DateTimeOffset now, string randomHex) =>
        string.Create(CultureInfo.InvariantCulture, $"ob-{now.UtcDateTime:yyyyMMdd-HHmmss}-{randomHex}");

    /// <summary>Vipps accepted the order.</summary>
    public Onboarding Sent(ProductOrder order, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        return Status != OnboardingStatus.Sending ? this : this with
        {
            Status = OnboardingStatus.Sent,
            OrderId = order.PrefilledOrderId,
            PrefillUrl = order.PrefillUrl,
            History = [.. History, new OnboardingStep(OnboardingStatus.Sent, now,
                $"Vipps accepted product order {order.PrefilledOrderId ?? "(no id)"}; the merchant reviews and submits it at {order.PrefillUrl?.ToString() ?? "(no prefill URL)"}.")],
        };
    }

    /// <summary>Vipps refused the order.</summary>
    public Onboarding Refused(string reason, DateTimeOffset now) => Status != OnboardingStatus.Sending ? this : this with
    {
        Status = OnboardingStatus.Refused,
        Reason = reason,
        History = [.. History, new OnboardingStep(OnboardingStatus.Refused, now, reason)],
    };

    /// <summary>
    /// What one look at the merchant's linked sales units means: a unit that was not there at the start and that no
    /// other onboarding has <paramref name="claimed"/> completes it; none within <paramref name="expiry"/> of the start
    /// expires it; otherwise one more check is counted.
    /// </summary>
    public Onboarding Observe(IEnumerable<SalesUnitSummary> units, IReadOnlySet<string> claimed, DateTimeOffset now, TimeSpan expiry)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(claimed);
        if (Status != OnboardingStatus.Sent)
        {
            return this;
        }

        if (units.OrderBy(u => u.Msn, StringComparer.Ordinal).FirstOrDefault(u => !UnitsAtStart.Contains(u.Msn) && !claimed.Contains(u.Msn)) is { } unit)
        {
            return this with
            {
                Status = OnboardingStatus.Completed,
                Msn = unit.Msn,
                Checks = Checks + 1,
                LastCheckedAt = now,
                History = [.. History, new OnboardingStep(OnboardingStatus.Completed, now,
                    $"Sales unit {unit.Msn} '{unit.Name}' appeared, linked to us, after {Checks + 1} check(s). Register it: {RegisterCommand(unit.Msn)}")],
            };
        }

        if (now - StartedAt >= expiry)
        {
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"No new sales unit of {Request.BusinessIdentifier} appeared within {expiry.TotalDays:0.#} days ({Checks + 1} checks): the merchant may not have submitted the order at the prefill URL, or Vipps did not approve it. Vipps's own status of the order cannot be read (that endpoint is unreleased); ask the merchant or Vipps, and start a new onboarding if needed.");
            return this with
            {
                Status = OnboardingStatus.Expired,
                Reason = reason,
                Checks = Checks + 1,
                LastCheckedAt = now,
                History = [.. History, new OnboardingStep(OnboardingStatus.Expired, now, reason)],
            };
        }

        return this with { Checks = Checks + 1, LastCheckedAt = now };
    }

    /// <summary>The command that registers the completed onboarding's unit (the sync of the registry with Vipps).</summary>
    public static string RegisterCommand(string msn) => $"sales-units sync --register {msn}";

    /// <summary>The spec's name of a product type, e.g. <c>VIPPS_PA_NETT</c>.</summary>
    public static string FormatProduct(ProductType type) => type switch
    {
        ProductType.VippsPaNett => "VIPPS_PA_NETT",
        ProductType.VippsLoggInn => "VIPPS_LOGG_INN",
        ProductType.VippsCheckout => "VIPPS_CHECKOUT",
        ProductType.VippsIKassa => "VIPPS_I_KASSA",
        _ => type.ToString(),
    };

    private static string Describe(IEnumerable<string> units) =>
        units.Any() ? "sales unit(s) " + string.Join(", ", units) : "no sales unit";
}
