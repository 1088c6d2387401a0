using PaymentOrchestrator.VippsSimulator.Admin;
using PaymentOrchestrator.VippsSimulator.Clock;
using PaymentOrchestrator.VippsSimulator.Infrastructure;

namespace PaymentOrchestrator.VippsSimulator.Accounts;

internal static class AccessTokenEndpoints
{
    public static void MapAccessToken(this IEndpointRouteBuilder app)
    {
        app.MapPost("/accesstoken/get", (HttpRequest request, AccountStore accounts, TokenStore tokens, SimulatorClock clock,
                SimulatorSettings settings, CounterStore counters, Problems problems) =>
            {
                counters.TokenRequested();
                var clientId = request.Header("client_id");
                var clientSecret = request.Header("client_secret");
                var subscriptionKey = request.Header(ApiAuthenticator.SubscriptionKeyHeader);
                const string instance = "/accesstoken/get";
                if (string.IsNullOrEmpty(subscriptionKey))
                {
                    return problems.Create(ApiFamily.AccessToken, 401, "Unauthorized", "Access denied due to missing subscription key.", instance);
                }

                if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(clientSecret))
                {
                    return problems.Create(ApiFamily.AccessToken, 400, "Bad Request", "The client_id and client_secret headers are required.", instance);
                }

                var keySet = accounts.FindKeySet(clientId);
                if (keySet is null || keySet.ClientSecret != clientSecret)
                {
                    return problems.Create(ApiFamily.AccessToken, 401, "Unauthorized", "Invalid client_id or client_secret.", instance);
                }

                if (!keySet.HasSubscriptionKey(subscriptionKey))
                {
                    return problems.Create(ApiFamily.AccessToken, 401, "Unauthorized", "Access denied due to invalid subscription key.", instance);
                }

                // Partner keys only exist in production (vipps-api-notes §1, PK "Important information").
                if (keySet.Type == KeySetType.Partner && settings.Mode == SimulatorMode.Test)
                {
                    return problems.Create(ApiFamily.AccessToken, 401, "Unauthorized", "Partner keys do not work in the test environment; use the merchant's own test keys.", instance);
                }

                var now = clock.GetUtcNow();
                var lifetime = settings.TokenLifetime;
                var token = tokens.Issue(keySet.ClientId, now, lifetime);
                var seconds = ((long)lifetime.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

                // Vipps returns every number in this body as a string (AT-spec AuthorizationTokenResponse).
                return new ApiResponse(200, SimulatorJson.Serialize(new Dictionary<string, string>
                {
                    ["token_type"] = "Bearer",
                    ["expires_in"] = seconds,
                    ["ext_expires_in"] = seconds,
                    ["expires_on"] = TokenStore.Epoch(token.ExpiresOn),
                    ["not_before"] = TokenStore.Epoch(token.NotBefore),
                    ["resource"] = "00000002-0000-0000-c000-000000000000",
                    ["access_token"] = token.AccessToken,
                }), "application/json;charset=UTF-8");
            })
            .Operation("token");
    }
}
