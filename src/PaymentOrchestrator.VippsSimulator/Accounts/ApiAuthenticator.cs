using PaymentOrchestrator.VippsSimulator.Clock;
using PaymentOrchestrator.VippsSimulator.Infrastructure;

namespace PaymentOrchestrator.VippsSimulator.Accounts;

/// <summary>
/// Authentication and sales-unit authorization as Vipps does it (vipps-api-notes §2, §3, §8; KB-errors):
/// 401 for a missing, malformed, unknown or expired token, or a subscription key of another key set;
/// 403 when partner keys send no MSN or an unlinked one, or merchant keys name another MSN.
/// </summary>
internal sealed class ApiAuthenticator(AccountStore accounts, TokenStore tokens, SimulatorClock clock, SimulatorSettings settings, Problems problems)
{
    public const string MsnHeader = "Merchant-Serial-Number";
    public const string SubscriptionKeyHeader = "Ocp-Apim-Subscription-Key";

    /// <param name="msnRequired">ePayment: the header is required for everyone. Recurring: required for partners. Webhooks: optional.</param>
    public (Caller? Caller, ApiResponse? Error) Authenticate(HttpContext context, ApiFamily family, MsnRule msnRule)
    {
        ArgumentNullException.ThrowIfNull(context);
        var instance = context.Request.Path.Value ?? "";
        ApiResponse Fail(int status, string title, string detail) => problems.Create(family, status, title, detail, instance);
        var (keySet, error) = AuthenticateKeys(context, family);
        if (keySet is null)
        {
            return (null, error);
        }

        if (keySet.Type == KeySetType.Accounting)
        {
            return (null, Fail(403, "Forbidden", "Accounting keys give access to the Report API only."));
        }

        var msn = context.Request.Headers[MsnHeader].ToString();
        if (string.IsNullOrEmpty(msn))
        {
            if (keySet.Type == KeySetType.Merchant && msnRule != MsnRule.Required)
            {
                // A merchant's own keys identify the sales unit where the header is optional (Recurring, Webhooks).
                return (new Caller(keySet, accounts.FindSalesUnit(keySet.Msn!)), null);
            }

            if (msnRule == MsnRule.OptionalForPartnerWide && keySet.Type == KeySetType.Partner)
            {
                return (new Caller(keySet, null), null);
            }

            return keySet.Type == KeySetType.Merchant
                ? (null, problems.Create(family, 400, "Bad Request", "The Merchant-Serial-Number header is required.", instance, field: MsnHeader))
                : (null, Fail(403, "Forbidden", "The Merchant-Serial-Number header is required when using partner keys."));
        }

        var salesUnit = accounts.FindSalesUnit(msn);
        if (salesUnit is null || !accounts.CanAct(keySet, msn))
        {
            return (null, Fail(403, "Forbidden", $"The API keys are not allowed to act for merchant serial number {msn}."));
        }

        return (new Caller(keySet, salesUnit), null);
    }

    /// <summary>
    /// The Management API: any key set but accounting keys; the <c>Merchant-Serial-Number</c> header is optional, and
    /// when sent must name a unit these keys may act for. What each key set sees is decided per endpoint.
    /// </summary>
    public (KeySet? KeySet, ApiResponse? Error) AuthenticateManagement(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (keySet, error) = AuthenticateKeys(context, ApiFamily.Management);
        var instance = context.Request.Path.Value ?? "";
        if (keySet is null)
        {
            return (null, error);
        }

        if (keySet.Type == KeySetType.Accounting)
        {
            return (null, problems.Create(ApiFamily.Management, 403, "Forbidden", "Accounting keys give access to the Report API only.", instance));
        }

        var msn = context.Request.Headers[MsnHeader].ToString();
        return msn.Length > 0 && (accounts.FindSalesUnit(msn) is null || !accounts.CanAct(keySet, msn))
            ? (null, problems.Create(ApiFamily.Management, 403, "Forbidden", $"The API keys are not allowed to act for merchant serial number {msn}.", instance))
            : (keySet, null);
    }

    /// <summary>
    /// The Report API: the token and subscription key of any key set; what it may read is decided per ledger
    /// (accounting keys with the merchant's consent, a merchant's own keys for its own ledger). No MSN header.
    /// </summary>
    public (KeySet? KeySet, ApiResponse? Error) AuthenticateReport(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AuthenticateKeys(context, ApiFamily.Report);
    }

    private (KeySet? KeySet, ApiResponse? Error) AuthenticateKeys(HttpContext context, ApiFamily family)
    {
        var instance = context.Request.Path.Value ?? "";
        ApiResponse Fail(int status, string title, string detail) => problems.Create(family, status, title, detail, instance);

        var subscriptionKey = context.Request.Headers[SubscriptionKeyHeader].ToString();
        if (string.IsNullOrEmpty(subscriptionKey))
        {
            return (null, Fail(401, "Unauthorized", "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API."));
        }

        // "Bearer" is case-sensitive at Vipps (KB-http-headers).
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || authorization.Length <= 7)
        {
            return (null, Fail(401, "Unauthorized", "Missing or malformed Authorization header: expected 'Bearer <access token>'."));
        }

        var token = tokens.Find(authorization[7..].Trim());
        if (token is null)
        {
            return (null, Fail(401, "Unauthorized", "The access token is invalid."));
        }

        if (clock.GetUtcNow() >= token.ExpiresOn)
        {
            return (null, Fail(401, "Unauthorized", "The access token has expired."));
        }

        var keySet = accounts.FindKeySet(token.ClientId);
        if (keySet is null || !keySet.HasSubscriptionKey(subscriptionKey))
        {
            return (null, Fail(401, "Unauthorized", "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription."));
        }

        if (keySet.Type == KeySetType.Partner && settings.Mode == SimulatorMode.Test)
        {
            return (null, Fail(401, "Unauthorized", "Partner keys do not work in the test environment; use the merchant's own test keys."));
        }

        return (keySet, null);
    }
}
