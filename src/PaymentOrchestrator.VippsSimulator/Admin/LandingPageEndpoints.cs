using System.Net;
using PaymentOrchestrator.VippsSimulator.Epayment;
using PaymentOrchestrator.VippsSimulator.Recurring;
using PaymentOrchestrator.VippsSimulator.Userinfo;

namespace PaymentOrchestrator.VippsSimulator.Admin;

/// <summary>
/// A stand-in for the Vipps landing page and app: <c>redirectUrl</c> of a created payment and
/// <c>vippsConfirmationUrl</c> of a drafted agreement point here, so a person running the simulator locally can approve
/// or reject in a browser. When a scope asks for profile details, the page first lists them, as the app's consent
/// screen does: "Share and approve" consents and approves, "Decline to share" fails the payment or agreement (Vipps:
/// without consent the customer cannot pay).
/// </summary>
internal static class LandingPageEndpoints
{
    public static void MapLandingPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/simulator/landing", (string token, EpaymentService payments) =>
        {
            if (payments.FindByToken(token) is not { } payment)
            {
                return Results.NotFound("Unknown or expired payment token.");
            }

            var body = $"""
                <h1>Pay {WebUtility.HtmlEncode(payment.Amount)}</h1>
                <p>Sales unit {WebUtility.HtmlEncode(payment.Msn)}, reference <code>{WebUtility.HtmlEncode(payment.Reference)}</code>, state {payment.State}.</p>
                """;
            return Page(body, "/simulator/landing", token, payment.ProfileScope, "Approve");
        });

        app.MapPost("/simulator/landing/{action}", (string action, string token, EpaymentService payments) =>
        {
            if (payments.FindByToken(token) is not { } payment || !AdminEndpoints.TryParseAction(action, out var customerAction))
            {
                return Results.NotFound("Unknown payment token or action.");
            }

            var (_, conflict) = payments.Act(payment.Msn, payment.Reference, customerAction, null);
            if (conflict is not null)
            {
                return Results.Conflict(conflict);
            }

            return payment.ReturnUrl is { } returnUrl ? Results.Redirect(returnUrl) : Results.Text($"Payment {payment.Reference}: {action} done.");
        });

        app.MapGet("/simulator/agreement-landing", (string token, RecurringService agreements) =>
        {
            if (agreements.FindByConfirmationToken(token) is not { } agreement)
            {
                return Results.NotFound("Unknown agreement token.");
            }

            var body = $"""
                <h1>Agreement: {WebUtility.HtmlEncode(agreement.ProductName)}</h1>
                <p>Sales unit {WebUtility.HtmlEncode(agreement.Msn)}, agreement <code>{WebUtility.HtmlEncode(agreement.AgreementId)}</code>, status {agreement.Status}.</p>
                """;
            return Page(body, "/simulator/agreement-landing", token, agreement.Scope, "Accept");
        });

        app.MapPost("/simulator/agreement-landing/{action}", (string action, string token, RecurringService agreements) =>
        {
            if (agreements.FindByConfirmationToken(token) is not { } agreement || !AdminEndpoints.TryParseAction(action, out var customerAction))
            {
                return Results.NotFound("Unknown agreement token or action.");
            }

            var (_, conflict) = agreements.Act(agreement.Msn, agreement.AgreementId, customerAction, null);
            return conflict is not null ? Results.Conflict(conflict) : Results.Redirect(agreement.RedirectUrl);
        });
    }

    private static IResult Page(string body, string path, string token, string? scope, string approve)
    {
        var t = WebUtility.HtmlEncode(Uri.EscapeDataString(token));
        var asked = ProfileScopes.Shown(scope);
        var consent = asked.Count == 0 && scope is null
            ? $"""<form method="post" action="{path}/approve?token={t}"><button>{approve}</button></form>"""
            : $"""
                <p>The merchant asks you to share: {WebUtility.HtmlEncode(asked.Count == 0 ? "your Vipps id" : string.Join(", ", asked))}.</p>
                <form method="post" action="{path}/approve?token={t}"><button>Share and {approve.ToLowerInvariant()}</button></form>
                <form method="post" action="{path}/decline?token={t}"><button>Decline to share</button></form>
                """;
        var html = $"""
            <!doctype html><html><head><meta charset="utf-8"><title>Vipps MobilePay simulator</title></head>
            <body style="font-family:sans-serif;max-width:30em;margin:3em auto">
            {body}
            {consent}
            <form method="post" action="{path}/reject?token={t}"><button>Reject</button></form>
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
