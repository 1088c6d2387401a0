using PaymentOrchestrator.VippsSimulator.Accounts;
using PaymentOrchestrator.VippsSimulator.Infrastructure;

namespace PaymentOrchestrator.VippsSimulator.Epayment;

internal static class EpaymentEndpoints
{
    private const string IdempotencyKey = "Idempotency-Key";

    public static void MapEpayment(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/epayment/v1");

        group.MapPost("/payments", async (HttpContext context, ApiAuthenticator auth, EpaymentService service) =>
            {
                var (caller, error) = auth.Authenticate(context, ApiFamily.Epayment, MsnRule.Required);
                if (error is not null)
                {
                    return error;
                }

                var body = await JsonBody.ReadAsync(context.Request);
                return service.Create(caller!, context.Request.Header(IdempotencyKey), body, context.Request.Path, context.Request.BaseUrl());
            })
            .Operation("epayment.create");

        group.MapGet("/payments/{reference}", (HttpContext context, string reference, ApiAuthenticator auth, EpaymentService service) =>
            {
                var (caller, error) = auth.Authenticate(context, ApiFamily.Epayment, MsnRule.Required);
                return error ?? service.Get(caller!, reference, context.Request.Path);
            })
            .Operation("epayment.get");

        group.MapGet("/payments/{reference}/events", (HttpContext context, string reference, ApiAuthenticator auth, EpaymentService service) =>
            {
                var (caller, error) = auth.Authenticate(context, ApiFamily.Epayment, MsnRule.Required);
                return error ?? service.Events(caller!, reference, context.Request.Path);
            })
            .Operation("epayment.events");

        MapModification(group, "capture", (s, c, r, k, b, i) => s.Capture(c, r, k, b, i));
        MapModification(group, "refund", (s, c, r, k, b, i) => s.Refund(c, r, k, b, i));
        MapModification(group, "cancel", (s, c, r, k, b, i) => s.Cancel(c, r, k, b, i));

        group.MapPost("/test/payments/{reference}/approve", async (HttpContext context, string reference, ApiAuthenticator auth, EpaymentService service) =>
            {
                var (caller, error) = auth.Authenticate(context, ApiFamily.Epayment, MsnRule.Required);
                if (error is not null)
                {
                    return error;
                }

                var body = await JsonBody.ReadAsync(context.Request);
                return service.ForceApprove(caller!, reference, body, context.Request.Path);
            })
            .Operation("epayment.approve");
    }

    private static void MapModification(RouteGroupBuilder group, string action, Func<EpaymentService, Caller, string, string?, string?, string, ApiResponse> handle) =>
        group.MapPost($"/payments/{{reference}}/{action}", async (HttpContext context, string reference, ApiAuthenticator auth, EpaymentService service) =>
            {
                var (caller, error) = auth.Authenticate(context, ApiFamily.Epayment, MsnRule.Required);
                if (error is not null)
                {
                    return error;
                }

                var body = await JsonBody.ReadAsync(context.Request);
                return handle(service, caller!, reference, context.Request.Header(IdempotencyKey), body, context.Request.Path);
            })
            .Operation("epayment." + action);
}
