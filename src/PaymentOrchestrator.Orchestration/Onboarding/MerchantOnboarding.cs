using System.Security.Cryptography;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Management;

namespace PaymentOrchestrator.Orchestration.Onboarding;

/// <summary>
/// Onboarding a new merchant with the Management API: <see cref="StartAsync"/> records the merchant's linked sales
/// units, writes the onboarding with its idempotency key, then posts the product order; <see cref="FollowUpAsync"/>
/// (the maintenance job) re-sends orders that were written but not confirmed and looks for each sent order's new sales
/// unit. The order's own status cannot be read (GET product-orders/{id} is an unreleased "Ideas" endpoint), so a
/// sales unit of the merchant that was not linked at the start is what completes it. The partition is the partner
/// and environment of the configured keys.
/// </summary>
public sealed partial class MerchantOnboarding(
    OnboardingStore store,
    VippsManagementClient management,
    IOptions<VippsClientOptions> vipps,
    TimeProvider time,
    ILogger<MerchantOnboarding> logger)
{
    /// <summary>
    /// How long an unconfirmed send is left to its own request before the maintenance job re-sends it: longer than the
    /// Vipps client's whole call with its retries (<c>Vipps:Resilience:TotalTimeout</c>, 2 minutes), so the start's
    /// request has ended and the two never write the row at once.
    /// </summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromMinutes(3);

    /// <summary>The partition of these keys: environment and the management (or partner) key set's name.</summary>
    public string Partner
    {
        get
        {
            var o = vipps.Value;
            var keys = o.ManagementKeySet ?? o.PartnerKeySet ?? "keys";
            return $"{o.Environment}-{new string([.. keys.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')])}";
        }
    }

    public Task<IReadOnlyList<Onboarding>> ListAsync(CancellationToken cancellationToken = default) =>
        store.ListAsync(Partner, cancellationToken);

    public async Task<OnboardingStart> StartAsync(OnboardingForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (request, error) = form.Parse();
        if (request is null)
        {
            return new OnboardingStart(null, OnboardingStart.InvalidValue, error!.Field, error.Message);
        }

        var partner = Partner;
        var existing = await store.ListAsync(partner, cancellationToken);
        if (existing.FirstOrDefault(o => o.InFlight && o.Request.BusinessIdentifier == request.BusinessIdentifier && o.Request.ProductType == request.ProductType) is { } running)
        {
            return new OnboardingStart(null, OnboardingStart.AlreadyOnboarding, "organizationNumber",
                $"Onboarding {running.Id} of {request.BusinessIdentifier.Id} for {Onboarding.FormatProduct(request.ProductType)} is still {running.Status}: send the merchant its prefill URL {running.PrefillUrl?.ToString() ?? "(not yet received)"}.");
        }

        IReadOnlyList<SalesUnitSummary> before;
        try
        {
            before = await management.ListMerchantSalesUnitsAsync(request.BusinessIdentifier, cancellationToken);
        }
        catch (VippsApiException e)
        {
            return new OnboardingStart(null, OnboardingStart.VippsUnavailable, null,
                $"Could not read the merchant's sales units at Vipps ({e.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"}); nothing was sent. Try again.");
        }

        var now = time.GetUtcNow();
        var onboarding = Onboarding.Begin(Onboarding.NewId(now, RandomNumberGenerator.GetHexString(6, lowercase: true)), partner, request, before.Select(u => u.Msn), now);
        onboarding = await store.AddAsync(onboarding, cancellationToken);
        LogStarted(onboarding.Id, Onboarding.FormatProduct(request.ProductType));
        return new OnboardingStart(await SendAsync(onboarding, cancellationToken));
    }

    /// <summary>
    /// One maintenance pass over the partner's onboardings in flight: re-sends those still Sending, looks for the new
    /// sales unit of those Sent, oldest first (a new unit is claimed by the oldest onboarding of that merchant that is
    /// waiting: which order made it cannot be observed). Returns how many were looked at and how many completed. One
    /// onboarding's failure is logged and does not stop the others.
    /// </summary>
    public async Task<(int Followed, int Completed)> FollowUpAsync(TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        var all = await store.ListAsync(Partner, cancellationToken);
        var claimed = all.Where(o => o.Msn is not null).Select(o => o.Msn!).ToHashSet(StringComparer.Ordinal);
        var (followed, completed) = (0, 0);
        foreach (var onboarding in all.Where(o => o.InFlight).OrderBy(o => o.StartedAt).ThenBy(o => o.Id, StringComparer.Ordinal))
        {
            try
            {
                var now = time.GetUtcNow();
                if (onboarding.Status == OnboardingStatus.Sending)
                {
                    if (now - onboarding.StartedAt >= ResendAfter)
                    {
                        followed++;
                        await SendAsync(onboarding, cancellationToken);
                    }

                    continue;
                }

                followed++;
                var units = await management.ListMerchantSalesUnitsAsync(onboarding.Request.BusinessIdentifier, cancellationToken);
                var next = onboarding.Observe(units, claimed, now, expiry);
                await store.SaveAsync(next, cancellationToken);
                if (next.Msn is { } msn)
                {
                    claimed.Add(msn);
                    completed++;
                    LogCompleted(next.Id, msn);
                }
                else if (next.Status == OnboardingStatus.Expired)
                {
                    LogExpired(next.Id);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFollowUpFailed(onboarding.Id, e.GetType().Name, e.Message);
            }
        }

        return (followed, completed);
    }

    private async Task<Onboarding> SendAsync(Onboarding onboarding, CancellationToken cancellationToken)
    {
        Onboarding next;
        try
        {
            next = onboarding.Sent(await management.CreateProductOrderAsync(onboarding.Request, onboarding.IdempotencyKey, cancellationToken), time.GetUtcNow());
        }
        catch (VippsApiException e) when (!e.IsTransient && e.Status is >= 400 and < 500)
        {
            next = onboarding.Refused($"Vipps refused the product order ({e.Status}): {e.Detail ?? e.Title ?? e.Message}", time.GetUtcNow());
        }
        catch (VippsApiException e)
        {
            // Not refused, only not answered: the row stays Sending and the maintenance job posts it again with the same key.
            LogSendFailed(onboarding.Id, e.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer");
            return onboarding;
        }

        try
        {
            return await store.SaveAsync(next, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // The follow-up saved it meanwhile (the same order, by the same key): its row is the newer one.
            return (await store.ListAsync(onboarding.Partner, cancellationToken)).Single(o => o.Id == onboarding.Id);
        }
    }

    [LoggerMessage(EventId = 4700, Level = LogLevel.Information, Message = "Onboarding {OnboardingId} started: product order {Product}")]
    private partial void LogStarted(string onboardingId, string product);

    [LoggerMessage(EventId = 4701, Level = LogLevel.Information, Message = "Onboarding {OnboardingId} completed: new sales unit {Msn}")]
    private partial void LogCompleted(string onboardingId, string msn);

    [LoggerMessage(EventId = 4702, Level = LogLevel.Warning, Message = "Onboarding {OnboardingId} expired: no new sales unit appeared")]
    private partial void LogExpired(string onboardingId);

    [LoggerMessage(EventId = 4703, Level = LogLevel.Warning, Message = "Onboarding {OnboardingId}: the product order was not answered ({Status}); it is sent again with the same key")]
    private partial void LogSendFailed(string onboardingId, string status);

    [LoggerMessage(EventId = 4704, Level = LogLevel.Warning, Message = "Onboarding {OnboardingId}: follow-up failed ({Type}: {Error})")]
    private partial void LogFollowUpFailed(string onboardingId, string type, string error);
}
