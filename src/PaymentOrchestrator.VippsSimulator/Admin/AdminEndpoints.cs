using PaymentOrchestrator.VippsSimulator.Accounts;
using PaymentOrchestrator.VippsSimulator.Clock;
using PaymentOrchestrator.VippsSimulator.Epayment;
using PaymentOrchestrator.VippsSimulator.Faults;
using PaymentOrchestrator.VippsSimulator.Infrastructure;
using PaymentOrchestrator.VippsSimulator.Recurring;
using PaymentOrchestrator.VippsSimulator.Webhooks;

namespace PaymentOrchestrator.VippsSimulator.Admin;

/// <summary>The simulator's own control API under <c>/simulator/</c>. No authentication: it is a local test tool.</summary>
internal static class AdminEndpoints
{
    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/simulator");

        admin.MapPost("/payments/{msn}/{reference}/{action}", (string msn, string reference, string action, CustomerActionRequest? body, EpaymentService payments) =>
        {
            if (!TryParseAction(action, out var customerAction))
            {
                return Results.NotFound(new AdminError($"Unknown action '{action}': use approve, reject, expire or decline (decline to share the profile scope's details)."));
            }

            var (found, conflict) = payments.Act(msn, reference, customerAction, body?.PhoneNumber);
            return !found ? Results.NotFound(new AdminError($"No payment {msn}/{reference}."))
                : conflict is not null ? Results.Conflict(new AdminError(conflict))
                : Results.NoContent();
        });

        admin.MapPost("/agreements/{msn}/{agreementId}/{action}", (string msn, string agreementId, string action, CustomerActionRequest? body, RecurringService recurring) =>
        {
            if (!TryParseAction(action, out var customerAction))
            {
                return Results.NotFound(new AdminError($"Unknown action '{action}': use accept, reject, expire or decline (decline to share the scope's details)."));
            }

            var (found, conflict) = recurring.Act(msn, agreementId, customerAction, body?.PhoneNumber);
            return !found ? Results.NotFound(new AdminError($"No agreement {msn}/{agreementId}."))
                : conflict is not null ? Results.Conflict(new AdminError(conflict))
                : Results.NoContent();
        });

        admin.MapPost("/charges/{msn}/{chargeId}/outcome", (string msn, string chargeId, ChargeOutcomeRequest outcome, RecurringService recurring) =>
        {
            var (found, error) = recurring.SetChargeOutcome(msn, chargeId, outcome);
            return !found ? Results.NotFound(new AdminError($"No charge {msn}/{chargeId}."))
                : error is not null ? Results.BadRequest(new AdminError(error))
                : Results.NoContent();
        });

        admin.MapPost("/faults", (FaultRule rule, FaultInjector faults) =>
        {
            try
            {
                faults.Add(rule);
                return Results.NoContent();
            }
            catch (ArgumentException e)
            {
                return Results.BadRequest(new AdminError(e.Message));
            }
        });
        admin.MapGet("/faults", (FaultInjector faults) => Results.Ok(faults.List()));
        admin.MapDelete("/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });

        admin.MapGet("/counters", (CounterStore counters) => Results.Ok(counters.Snapshot()));
        admin.MapPost("/counters/reset", (CounterStore counters) =>
        {
            counters.Reset();
            return Results.NoContent();
        });

        admin.MapGet("/clock", (SimulatorClock clock) => Results.Ok(new ClockResponse(clock.GetUtcNow())));
        admin.MapPost("/clock/advance", (AdvanceClockRequest request, SimulatorClock clock, SimulatorSweeper sweeper) =>
        {
            if (request.Seconds < 0)
            {
                return Results.BadRequest(new AdminError("seconds must not be negative: the simulator clock only moves forward."));
            }

            var now = clock.Advance(TimeSpan.FromSeconds(request.Seconds));
            sweeper.SweepNow();
            return Results.Ok(new ClockResponse(now));
        });

        admin.MapPost("/sales-units", (SalesUnitDefinition definition, AccountStore accounts) =>
        {
            try
            {
                var unit = accounts.AddSalesUnit(definition);
                return Results.Created($"/simulator/sales-units/{unit.Msn}", unit);
            }
            catch (ArgumentException e)
            {
                return Results.BadRequest(new AdminError(e.Message));
            }
        });
        admin.MapPost("/sales-units/{msn}/unlink", (string msn, AccountStore accounts) => SetPartnerLink(accounts, msn, linked: false));
        admin.MapPost("/sales-units/{msn}/link", (string msn, AccountStore accounts) => SetPartnerLink(accounts, msn, linked: true));
        admin.MapPost("/key-sets", (KeySetDefinition definition, AccountStore accounts) =>
        {
            try
            {
                accounts.AddKeySet(definition);
                return Results.Created($"/simulator/key-sets/{definition.ClientId}", definition);
            }
            catch (ArgumentException e)
            {
                return Results.BadRequest(new AdminError(e.Message));
            }
        });

        admin.MapGet("/webhooks/deliveries", (WebhookDispatcher webhooks) => Results.Ok(webhooks.Attempts()));

        admin.MapGet("/settings", (SimulatorSettings settings) => Results.Ok(settings.Snapshot()));
        admin.MapPut("/settings", (SimulatorSettingsUpdate update, SimulatorSettings settings, RateLimiter rateLimiter) =>
        {
            settings.Apply(update);
            if (update.RateLimitsEnabled is not null)
            {
                rateLimiter.Clear();
            }

            return Results.Ok(settings.Snapshot());
        });
    }

    private static IResult SetPartnerLink(AccountStore accounts, string msn, bool linked) =>
        accounts.SetPartnerLink(msn, linked) ? Results.NoContent() : Results.NotFound(new AdminError($"No sales unit {msn}."));

    internal static bool TryParseAction(string action, out CustomerAction customerAction)
    {
        customerAction = action switch
        {
            "approve" or "accept" => CustomerAction.Approve,
            "reject" => CustomerAction.Reject,
            "expire" => CustomerAction.Expire,
            "decline" => CustomerAction.Decline,
            _ => (CustomerAction)(-1),
        };
        return Enum.IsDefined(customerAction);
    }
}

internal sealed record AdminError(string Error);

internal sealed record CustomerActionRequest(string? PhoneNumber);

internal sealed record AdvanceClockRequest(double Seconds);

internal sealed record ClockResponse(DateTimeOffset Now);
