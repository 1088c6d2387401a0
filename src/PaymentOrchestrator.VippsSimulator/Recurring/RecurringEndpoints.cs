using PaymentOrchestrator.VippsSimulator.Accounts;
using PaymentOrchestrator.VippsSimulator.Infrastructure;

namespace PaymentOrchestrator.VippsSimulator.Recurring;

internal static class RecurringEndpoints
{
    private const string IdempotencyKey = "Idempotency-Key";

    public static void MapRecurring(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/recurring/v3");

        group.MapGet("/agreements", (HttpContext context, string? status, long? createdAfter, int? pageNumber, int? pageSize, ApiAuthenticator auth, RecurringService service) =>
                Authenticated(context, auth, caller => service.ListAgreements(caller, status, createdAfter, pageNumber, pageSize, context.Request.Path)))
            .Operation("recurring.agreement.list");

        group.MapPost("/agreements", async (HttpContext context, ApiAuthenticator auth, RecurringService service) =>
            {
                var body = await JsonBody.ReadAsync(context.Request);
                return Authenticated(context, auth, caller => service.Draft(caller, context.Request.Header(IdempotencyKey), body, context.Request.Path, context.Request.BaseUrl()));
            })
            .Operation("recurring.agreement.create");

        group.MapGet("/agreements/{agreementId}", (HttpContext context, string agreementId, ApiAuthenticator auth, RecurringService service) =>
                Authenticated(context, auth, caller => service.GetAgreement(caller, agreementId, context.Request.Path)))
            .Operation("recurring.agreement.get");

        group.MapPatch("/agreements/{agreementId}", async (HttpContext context, string agreementId, ApiAuthenticator auth, RecurringService service) =>
            {
                var body = await JsonBody.ReadAsync(context.Request);
                return Authenticated(context, auth, caller => service.Update(caller, agreementId, context.Request.Header(IdempotencyKey), body, context.Request.Path));
            })
            .Operation("recurring.agreement.update");

        group.MapPatch("/agreements/{agreementId}/accept", async (HttpContext context, string agreementId, ApiAuthenticator auth, RecurringService service) =>
            {
                var body = await JsonBody.ReadAsync(context.Request);
                return Authenticated(context, auth, caller => service.ForceAccept(caller, agreementId, context.Request.Header(IdempotencyKey), body, context.Request.Path));
            })
            .Operation("recurring.agreement.accept");

        group.MapGet("/agreements/{agreementId}/charges", (HttpContext context, string agreementId, string? status, ApiAuthenticator auth, RecurringService service) =>
                Authenticated(context, auth, caller => service.ListCharges(caller, agreementId, status, context.Request.Path)))
            .Operation("recurring.charge.list");

        group.MapPost("/agreements/{agreementId}/charges", async (HttpContext context, string agreementId, ApiAuthenticator auth, RecurringService service) =>
            {
                var body = await JsonBody.ReadAsync(context.Request);
                return Authenticated(context, auth, caller => service.CreateCharge(caller, agreementId, context.Request.Header(IdempotencyKey), body, context.Request.Path));
            })
            .Operation("recurring.charge.create");

        group.MapGet("/agreements/{agreementId}/charges/{chargeId}", (HttpContext context, string agreementId, string chargeId, ApiAuthenticator auth, RecurringService service) =>
                Authenticated(context, auth, caller => service.GetCharge(caller, agreementId, chargeId, context.Request.Path)))
            .Operation("recurring.charge.get");

        group.MapGet("/charges/{chargeId}", (HttpContext context, string chargeId, ApiAuthenticator auth, RecurringService service) =>
                Authenticated(context, auth, caller => service.GetCharge(caller, null, chargeId, context.Request.Path)))
            .Operation("recurring.charge.getById");

        group.MapPost("/agreements/{agreementId}/charges/{chargeId}/capture", async (HttpContext context, string agreementId, string chargeId, ApiAuthenticator auth, RecurringService service) =>
            {
                var body = await JsonBody.ReadAsync(context.Request);
                return Authenticated(context, auth, caller => service.Capture(caller, agreementId, chargeId, context.Request.Header(IdempotencyKey), body, context.Request.Path));
            })
            .Operation("recurring.charge.capture");

        group.MapPost("/agreements/{agreementId}/charges/{chargeId}/refund", async (HttpContext context, string agreementId, string chargeId, ApiAuthenticator auth, RecurringService service) =>
            {
                var body = await JsonBody.ReadAsync(context.Request);
                return Authenticated(context, auth, caller => service.Refund(caller, agreementId, chargeId, context.Request.Header(IdempotencyKey), body, context.Request.Path));
            })
            .Operation("recurring.charge.refund");

        group.MapDelete("/agreements/{agreementId}/charges/{chargeId}", (HttpContext context, string agreementId, string chargeId, ApiAuthenticator auth, RecurringService service) =>
                Authenticated(context, auth, caller => service.Cancel(caller, agreementId, chargeId, context.Request.Header(IdempotencyKey), context.Request.Path)))
            .Operation("recurring.charge.cancel");
    }

    private static ApiResponse Authenticated(HttpContext context, ApiAuthenticator auth, Func<Caller, ApiResponse> handle)
    {
        var (caller, error) = auth.Authenticate(context, ApiFamily.Recurring, MsnRule.RequiredForPartners);
        return error ?? handle(caller!);
    }
}
