using PaymentOrchestrator.VippsSimulator.Accounts;
using PaymentOrchestrator.VippsSimulator.Infrastructure;

namespace PaymentOrchestrator.VippsSimulator.Webhooks;

internal static class WebhookEndpoints
{
    // At most 25 registrations per event type (AK/webhooks 2026; the 2023 spec said 5).
    private const int MaxPerEvent = 25;

    public static void MapWebhooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/webhooks/v1/webhooks");

        group.MapPost("", async (HttpContext context, ApiAuthenticator auth, WebhookDispatcher dispatcher, Problems problems, IdGenerator ids) =>
            {
                var body = await JsonBody.ReadAsync(context.Request);
                var (caller, error) = auth.Authenticate(context, ApiFamily.Webhooks, MsnRule.OptionalForPartnerWide);
                if (error is not null)
                {
                    return error;
                }

                string instance = context.Request.Path;
                ApiResponse Invalid(string field, string reason) => problems.Create(ApiFamily.Webhooks, 400, "Bad Request", reason, instance, field: field);
                if (!caller!.MayMoveMoney)
                {
                    return problems.Create(ApiFamily.Webhooks, 403, "Forbidden", $"{caller.KeySet.Type} keys cannot register webhooks.", instance);
                }

                if (!JsonBody.TryParse<RegisterRequest>(body, out var request, out var parseError) || request is null)
                {
                    return Invalid("body", parseError.Length > 0 ? parseError : "A RegisterRequest body is required.");
                }

                if (string.IsNullOrEmpty(request.Url) || !Uri.TryCreate(request.Url, UriKind.Absolute, out var url))
                {
                    return Invalid("url", "The property is required and must be an absolute URL.");
                }

                if (!UrlRules.IsAllowedWebhookUrl(request.Url))
                {
                    return Invalid("url", "The URL must use HTTPS (the simulator also allows http:// to 127.0.0.1 or localhost).");
                }

                if (request.Events is not { Count: > 0 })
                {
                    return Invalid("events", "The property is required and cannot be null or empty.");
                }

                if (request.Events.FirstOrDefault(e => !WebhookEvents.Known.Contains(e)) is { } unknown)
                {
                    return Invalid("events", $"Unknown event '{unknown}'.");
                }

                if (request.Events.FirstOrDefault(e => dispatcher.CountFor(caller.KeySet.ClientId, caller.Msn, e) >= MaxPerEvent) is { } full)
                {
                    return Invalid("events", $"At most {MaxPerEvent} webhooks can be registered for '{full}'.");
                }

                var secret = ids.Alnum(40);
                var registration = dispatcher.Register(url, request.Events.Distinct().ToList(), secret, ids.NewGuid(), caller.KeySet.ClientId, caller.Msn);
                return ApiResponse.Json(201, new RegisterResponse(registration.Id, secret));
            })
            .Operation("webhooks.register");

        group.MapGet("", (HttpContext context, ApiAuthenticator auth, WebhookDispatcher dispatcher) =>
            {
                var (caller, error) = auth.Authenticate(context, ApiFamily.Webhooks, MsnRule.OptionalForPartnerWide);
                return error ?? ApiResponse.Json(200, new QueryResponse(
                    dispatcher.List(caller!.KeySet.ClientId, caller.Msn).Select(r => new WebhookResponse(r.Id, r.Url.ToString(), r.Events)).ToList()));
            })
            .Operation("webhooks.list");

        group.MapDelete("/{id}", (HttpContext context, string id, ApiAuthenticator auth, WebhookDispatcher dispatcher, Problems problems) =>
            {
                var (caller, error) = auth.Authenticate(context, ApiFamily.Webhooks, MsnRule.OptionalForPartnerWide);
                if (error is not null)
                {
                    return error;
                }

                if (!Guid.TryParse(id, out var guid))
                {
                    return problems.Create(ApiFamily.Webhooks, 400, "Bad Request", "id must be a UUID.", context.Request.Path, field: "id");
                }

                return dispatcher.Delete(guid, caller!.KeySet.ClientId, caller.Msn)
                    ? ApiResponse.Empty(204)
                    : problems.Create(ApiFamily.Webhooks, 404, "Not Found", $"No webhook {id} for these keys and Merchant-Serial-Number.", context.Request.Path);
            })
            .Operation("webhooks.delete");
    }

    private sealed record RegisterRequest(string? Url, List<string>? Events);

    private sealed record RegisterResponse(Guid Id, string Secret);

    private sealed record WebhookResponse(Guid Id, string Url, IReadOnlyList<string> Events);

    private sealed record QueryResponse(IReadOnlyList<WebhookResponse> Webhooks);
}
