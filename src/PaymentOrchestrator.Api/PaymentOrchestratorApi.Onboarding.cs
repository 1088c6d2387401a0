using System.Text.Json;
using System.Text.Json.Nodes;
using PaymentOrchestrator.Orchestration.Onboarding;

namespace PaymentOrchestrator.Api;

/// <summary>
/// Onboarding a new merchant (<see cref="MerchantOnboarding"/>), for keys that manage the partner's sales units
/// (<see cref="ApiCaller.ManagesSalesUnits"/>): 401 without a key, 403 for any other key.
/// </summary>
public sealed partial class PaymentOrchestratorApi
{
    /// <summary>The body's fields, as <see cref="OnboardingForm"/> names them; any other field is refused by name.</summary>
    private static readonly string[] OnboardingFields =
    [
        "organizationNumber", "salesUnitName", "productType", "productUseCase", "website", "termsUrl", "testWebsiteUrl",
        "annualTurnover", "intendedPurpose", "pricePackageId",
    ];

    /// <summary>
    /// <c>POST /api/sales-units/onboarding</c>: sends a pre-filled product order for the merchant. 201 with the
    /// onboarding (its <c>prefillUrl</c> goes to the merchant); 202 when Vipps did not answer (the maintenance job sends
    /// it again with the same key); 400 naming the field, or when Vipps refused the order (stored as Refused); 409 when
    /// the merchant's onboarding for that product is still in flight; 503 when Vipps could not be asked first.
    /// </summary>
    public Task<IResult> StartOnboardingAsync(HttpRequest request, MerchantOnboarding onboarding, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
        {
            ArgumentNullException.ThrowIfNull(onboarding);
            if (ManagerProblem(request) is { } refused)
            {
                return refused;
            }

            var (_, json, unreadable) = await RequestBodies.ReadObjectAsync(request, cancellationToken);
            if (json is null)
            {
                return unreadable!;
            }

            var (form, field) = OnboardingFormOf(json);
            if (form is null)
            {
                return InvalidField(field!, $"{field} is not a field of an onboarding (fields: {string.Join(", ", OnboardingFields)}), or is not text.");
            }

            var started = await onboarding.StartAsync(form, cancellationToken);
            LogOnboardingStart(Authenticate(request)!.Name, started.Onboarding?.Id ?? "-", started.Onboarding?.Status.ToString() ?? started.Code!);
            return started switch
            {
                { Code: OnboardingStart.InvalidValue } => InvalidField(started.Field!, started.Reason!),
                { Code: OnboardingStart.AlreadyOnboarding } => Problems.Create(StatusCodes.Status409Conflict, started.Code, "Already onboarding", started.Reason!),
                { Code: OnboardingStart.VippsUnavailable } => ApiHeaders.RetryAfter(
                    Problems.Create(StatusCodes.Status503ServiceUnavailable, started.Code, "Vipps unavailable", started.Reason!), StorageRetryAfterSeconds),
                { Onboarding: { Status: OnboardingStatus.Refused } o } => Problems.Create(StatusCodes.Status400BadRequest, "RefusedByVipps", "Refused by Vipps",
                    $"{o.Reason} (onboarding {o.Id}, kept as Refused)."),
                { Onboarding: { } o } => Results.Json(OnboardingView(o), ApiJson.Options,
                    statusCode: o.Status == OnboardingStatus.Sent ? StatusCodes.Status201Created : StatusCodes.Status202Accepted),
                _ => throw new InvalidOperationException("Unknown onboarding start."),
            };
        });

    /// <summary><c>GET /api/sales-units/onboarding</c>: the partner's onboardings, newest first, each with its history.</summary>
    public Task<IResult> OnboardingsAsync(HttpRequest request, MerchantOnboarding onboarding, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
        {
            ArgumentNullException.ThrowIfNull(onboarding);
            return ManagerProblem(request)
                ?? ApiJson.Ok(new { onboardings = (await onboarding.ListAsync(cancellationToken)).Select(OnboardingView) });
        });

    /// <summary>What the API and the console show of an onboarding: the request as sent, the status, the history and what to do next.</summary>
    private static object OnboardingView(Onboarding o) => new
    {
        id = o.Id,
        status = o.Status.ToString(),
        organizationNumber = o.Request.BusinessIdentifier.Id,
        salesUnitName = o.Request.SalesUnitName,
        productType = Onboarding.FormatProduct(o.Request.ProductType),
        website = o.Request.Website?.Url,
        startedAt = o.StartedAt,
        orderId = o.OrderId,
        prefillUrl = o.PrefillUrl,
        msn = o.Msn,
        checks = o.Checks,
        lastCheckedAt = o.LastCheckedAt,
        reason = o.Reason,
        next = o.Status switch
        {
            OnboardingStatus.Sending => "Vipps has not confirmed the order yet: it is sent again with the same key.",
            OnboardingStatus.Sent => "Send the prefill URL to the merchant, who reviews and submits the order; it completes when the new sales unit appears at Vipps.",
            OnboardingStatus.Completed => "Register it: " + Onboarding.RegisterCommand(o.Msn!),
            _ => null,
        },
        history = o.History.Select(s => new { status = s.Status.ToString(), at = s.At, detail = s.Detail }),
    };

    /// <summary>The body as an <see cref="OnboardingForm"/>, or the field that is unknown or not text (a number is taken as its text).</summary>
    private static (OnboardingForm? Form, string? Field) OnboardingFormOf(JsonObject json)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, node) in json)
        {
            if (!OnboardingFields.Contains(name, StringComparer.Ordinal))
            {
                return (null, name.Length > 40 ? name[..40] + "…" : name);
            }

            switch (node?.GetValueKind())
            {
                case null or JsonValueKind.Null:
                    break;
                case JsonValueKind.String or JsonValueKind.Number:
                    values[name] = node.ToString();
                    break;
                default:
                    return (null, name);
            }
        }

        return (new OnboardingForm
        {
            OrganizationNumber = values.GetValueOrDefault("organizationNumber"),
            SalesUnitName = values.GetValueOrDefault("salesUnitName"),
            ProductType = values.GetValueOrDefault("productType"),
            ProductUseCase = values.GetValueOrDefault("productUseCase"),
            Website = values.GetValueOrDefault("website"),
            TermsUrl = values.GetValueOrDefault("termsUrl"),
            TestWebsiteUrl = values.GetValueOrDefault("testWebsiteUrl"),
            AnnualTurnover = values.GetValueOrDefault("annualTurnover"),
            IntendedPurpose = values.GetValueOrDefault("intendedPurpose"),
            PricePackageId = values.GetValueOrDefault("pricePackageId"),
        }, null);
    }

    private static IResult InvalidField(string field, string detail) =>
        Problems.Create(StatusCodes.Status400BadRequest, "InvalidValue", "Invalid request", detail, new Dictionary<string, object?> { ["field"] = field });

    [LoggerMessage(Level = LogLevel.Information, Message = "Onboarding start by {KeyName}: {OnboardingId} {Outcome}")]
    private partial void LogOnboardingStart(string keyName, string onboardingId, string outcome);
}
