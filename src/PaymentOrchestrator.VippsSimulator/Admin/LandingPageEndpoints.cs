using System.Net;
using PaymentOrchestrator.VippsSimulator.Epayment;

namespace PaymentOrchestrator.VippsSimulator.Admin;

/// <summary>
/// A stand-in for the Vipps landing page and app: <c>redirectUrl</c> of a created payment points here, so a person
/// running the simulator locally can approve or reject the payment in a browser.
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

            var t = WebUtility.HtmlEncode(token);
            var html = $"""
                <!doctype html><html><head><meta charset="utf-8"><title>Vipps MobilePay simulator</title></head>
                <body style="font-family:sans-serif;max-width:30em;margin:3em auto">
                <h1>Pay {WebUtility.HtmlEncode(payment.Amount)}</h1>
                <p>Sales unit {WebUtility.HtmlEncode(payment.Msn)}, reference <code>{WebUtility.HtmlEncode(payment.Reference)}</code>, state {payment.State}.</p>
                <form method="post" action="/simulator/landing/approve?token={t}"><button>Approve</button></form>
                <form method="post" action="/simulator/landing/reject?token={t}"><button>Reject</button></form>
                </body></html>
                """;
            return Results.Content(html, "text/html; charset=utf-8");
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
    }
}
