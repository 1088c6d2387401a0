using System.Globalization;

namespace PaymentOrchestrator.VippsSimulator.Infrastructure;

/// <summary>
/// Error bodies in each API's own format (vipps-api-notes §7): ePayment and Webhooks use RFC 7807 with
/// <c>extraDetails[]{name,reason}</c> (ePayment's numeric code as <c>{"name":"ErrorCode","reason":"6080"}</c>);
/// Recurring v3 uses <c>ErrorV3</c> with <c>contextId</c> and <c>extraDetails[]{field,text}</c>.
/// </summary>
internal sealed class Problems(IdGenerator ids)
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>The one media type userinfo-v2.yaml declares for every answer, errors included.</summary>
    public const string UserinfoContentType = "application/json;charset=UTF-8";

    public ApiResponse Create(ApiFamily family, int status, string title, string detail, string instance, string? errorCode = null, string? field = null)
    {
        switch (family)
        {
            case ApiFamily.Recurring:
                var extra = new List<Dictionary<string, string>>();
                if (field is not null)
                {
                    extra.Add(new() { ["field"] = field, ["text"] = detail });
                }

                if (errorCode is not null)
                {
                    extra.Add(new() { ["field"] = "errorCode", ["text"] = errorCode });
                }

                return new ApiResponse(status, SimulatorJson.SerializeWithoutNulls(new Dictionary<string, object?>
                {
                    ["type"] = "https://developer.vippsmobilepay.com/docs/APIs/recurring-api/recurring-api-problems#" + Slug(title),
                    ["title"] = title,
                    ["status"] = status,
                    ["detail"] = detail,
                    ["instance"] = instance,
                    ["contextId"] = ids.NewGuid().ToString(),
                    ["extraDetails"] = extra.Count == 0 ? null : extra,
                }), "application/json;charset=UTF-8");
            case ApiFamily.AccessToken:
                return new ApiResponse(status, SimulatorJson.SerializeWithoutNulls(new Dictionary<string, object?>
                {
                    ["error"] = status == 401 ? "unauthorized_client" : "invalid_request",
                    ["error_description"] = detail,
                    ["error_codes"] = new[] { status == 401 ? 700016 : 900144 },
                    ["trace_id"] = ids.NewGuid().ToString(),
                }));
            case ApiFamily.Report when status == 401:
                // report-v2.yaml: 401 is {code, message}, not a problem.
                return new ApiResponse(status, SimulatorJson.Serialize(new Dictionary<string, string> { ["code"] = "Unauthorized", ["message"] = detail }));
            case ApiFamily.Report or ApiFamily.Management:
                // report-v2.yaml Problem: type, title, status, detail, instance (no traceId, no extraDetails);
                // management-v1.yaml Problem: the same and extraDetails[]{key, value}, here naming the refused field.
                return new ApiResponse(status, SimulatorJson.SerializeWithoutNulls(new Dictionary<string, object?>
                {
                    ["type"] = "https://httpstatuses.io/" + status.ToString(CultureInfo.InvariantCulture),
                    ["title"] = title,
                    ["status"] = status,
                    ["detail"] = detail,
                    ["instance"] = instance,
                    ["extraDetails"] = family == ApiFamily.Management && field is not null
                        ? new[] { new Dictionary<string, string> { ["key"] = field, ["value"] = detail } }
                        : null,
                }), ProblemJson);
            case ApiFamily.Userinfo:
                // userinfo-v2.yaml UserinfoError: type, title, status (a string there), detail, instance ("an id that can
                // help when troubleshooting": an id, not the path, which holds the customer's sub).
                return new ApiResponse(status, SimulatorJson.Serialize(new Dictionary<string, object>
                {
                    ["type"] = "https://httpstatuses.io/" + status.ToString(CultureInfo.InvariantCulture),
                    ["title"] = title,
                    ["status"] = status.ToString(CultureInfo.InvariantCulture),
                    ["detail"] = detail,
                    ["instance"] = ids.NewGuid().ToString(),
                }), UserinfoContentType);
            default:
                var details = new List<Dictionary<string, string>>();
                if (errorCode is not null)
                {
                    details.Add(new() { ["name"] = "ErrorCode", ["reason"] = errorCode });
                }

                if (field is not null)
                {
                    details.Add(new() { ["name"] = field, ["reason"] = detail });
                }

                return new ApiResponse(status, SimulatorJson.SerializeWithoutNulls(new Dictionary<string, object?>
                {
                    ["type"] = "https://httpstatuses.io/" + status.ToString(CultureInfo.InvariantCulture),
                    ["title"] = title,
                    ["detail"] = detail,
                    ["instance"] = instance,
                    ["status"] = status,
                    ["traceId"] = ids.TraceId(),
                    ["extraDetails"] = details.Count == 0 ? null : details,
                }), ProblemJson);
        }
    }

    /// <summary>429 as Azure API Management sends it: not problem+json (vipps-api-notes §7).</summary>
    public static ApiResponse RateLimited(int retryAfterSeconds) =>
        new ApiResponse(429, SimulatorJson.Serialize(new Dictionary<string, object>
        {
            ["statusCode"] = 429,
            ["message"] = $"Rate limit is exceeded. Try again in {retryAfterSeconds} seconds.",
        }))
        {
            Headers = [new("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture))],
        };

    private static string Slug(string title) => title.ToLowerInvariant().Replace(' ', '-');
}
