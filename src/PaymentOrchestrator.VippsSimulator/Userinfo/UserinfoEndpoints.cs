using PaymentOrchestrator.VippsSimulator.Accounts;
using PaymentOrchestrator.VippsSimulator.Admin;
using PaymentOrchestrator.VippsSimulator.Infrastructure;

namespace PaymentOrchestrator.VippsSimulator.Userinfo;

/// <summary>
/// Userinfo API (userinfo-v2.yaml): <c>GET /vipps-userinfo-api/userinfo/{sub}</c>, with the token and subscription key
/// like every API; partner keys need the <c>Merchant-Serial-Number</c> of a linked sales unit, a merchant's own keys
/// may leave it out; management keys get 403 (they read no personal data), accounting keys 403 as everywhere. A
/// <c>sub</c> is looked up at the caller's sales unit only: another unit's <c>sub</c> is unknown here (404). Also the
/// admin route that ends a consent: <c>DELETE /simulator/userinfo/{msn}/{sub}</c>.
/// </summary>
internal static class UserinfoEndpoints
{
    public static void MapUserinfo(this IEndpointRouteBuilder app)
    {
        app.MapGet("/vipps-userinfo-api/userinfo/{sub}", (HttpContext context, string sub, ApiAuthenticator auth, ConsentBook consents, SimulatorState state, Problems problems) =>
            {
                var (caller, error) = auth.Authenticate(context, ApiFamily.Userinfo, MsnRule.RequiredForPartners);
                if (error is not null)
                {
                    return error;
                }

                var instance = context.Request.Path.Value ?? "";
                if (caller!.KeySet.Type == KeySetType.Management)
                {
                    return problems.Create(ApiFamily.Userinfo, 403, "Forbidden", "Management keys cannot read user information.", instance);
                }

                UserinfoLookup lookup;
                lock (state.Gate)
                {
                    lookup = consents.Read(caller.Msn!, sub);
                }

                // The details never name the sub: it is the customer's id, and clients may log problem texts.
                return lookup.Kind switch
                {
                    UserinfoLookupKind.Found => new ApiResponse(200, SimulatorJson.Serialize(lookup.Claims), Problems.UserinfoContentType),
                    UserinfoLookupKind.Expired => problems.Create(ApiFamily.Userinfo, 404, "Not Found", "The user information is no longer available: the time it is kept after consent has passed, or the consent was withdrawn.", instance),
                    _ => problems.Create(ApiFamily.Userinfo, 404, "Not Found", "No user information for this sub at this sales unit.", instance),
                };
            })
            .Operation("userinfo.get");

        app.MapDelete("/simulator/userinfo/{msn}/{sub}", (string msn, string sub, ConsentBook consents, SimulatorState state) =>
        {
            lock (state.Gate)
            {
                return consents.Withdraw(msn, sub) ? Results.NoContent() : Results.NotFound(new AdminError($"No open consent for this sub at sales unit {msn}."));
            }
        });
    }
}
