using PaymentOrchestrator.VippsSimulator.Accounts;
using PaymentOrchestrator.VippsSimulator.Admin;
using PaymentOrchestrator.VippsSimulator.Infrastructure;

namespace PaymentOrchestrator.VippsSimulator.Management;

/// <summary>
/// Management API (management-v1.yaml), the released endpoints: the sales units the caller may see (partner and
/// management keys: those linked to the partner; a merchant's own keys: its own unit), one unit's details, a
/// merchant's units by business identifier, and pre-filled product orders. Accounting keys get 403. Also the admin
/// routes <c>GET /simulator/product-orders</c> and <c>POST /simulator/product-orders/{id}/advance</c>.
/// </summary>
internal static class ManagementEndpoints
{
    private const string JsonUtf8 = "application/json;charset=UTF-8";

    public static void MapManagement(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/management/v1");

        group.MapGet("/sales-units", (HttpContext context, ApiAuthenticator auth, AccountStore accounts) =>
            {
                var (keySet, error) = auth.AuthenticateManagement(context);
                return error ?? Summaries(accounts.VisibleTo(keySet!));
            })
            .Operation("management.sales-units.list");

        group.MapGet("/sales-units/{msn}", (HttpContext context, string msn, ApiAuthenticator auth, AccountStore accounts, Problems problems) =>
            {
                var (keySet, error) = auth.AuthenticateManagement(context);
                if (error is not null)
                {
                    return error;
                }

                var instance = context.Request.Path.Value ?? "";
                if (msn.Length < 3 || !msn.All(char.IsAsciiDigit))
                {
                    return problems.Create(ApiFamily.Management, 400, "Bad Request", "The MSN in the path must be digits only.", instance, field: "msn");
                }

                var unit = accounts.FindSalesUnit(msn);
                return unit is null ? problems.Create(ApiFamily.Management, 404, "Not Found", $"No sales unit with MSN {msn}.", instance)
                    : !accounts.CanAct(keySet!, msn) ? problems.Create(ApiFamily.Management, 403, "Forbidden", $"Sales unit {msn} is not linked to these API keys.", instance)
                    : new ApiResponse(200, SimulatorJson.Serialize(Details(unit)), JsonUtf8);
            })
            .Operation("management.sales-units.get");

        group.MapGet("/merchants/{scheme}/{id}/sales-units", (HttpContext context, string scheme, string id, ApiAuthenticator auth, AccountStore accounts, Problems problems) =>
            {
                var (keySet, error) = auth.AuthenticateManagement(context);
                if (error is not null)
                {
                    return error;
                }

                var merchant = accounts.SalesUnits().Where(u => SchemeOf(u) == scheme && u.OrganizationNumber == id).ToList();
                return merchant.Count == 0
                    ? problems.Create(ApiFamily.Management, 404, "Not Found", $"No merchant with business identifier {scheme} {id}.", context.Request.Path.Value ?? "")
                    : Summaries(merchant.Where(u => accounts.CanAct(keySet!, u.Msn)).OrderBy(u => u.Msn, StringComparer.Ordinal));
            })
            .Operation("management.merchants.sales-units");

        group.MapPost("/product-orders", async (HttpContext context, ApiAuthenticator auth, ProductOrderBook orders, SimulatorState state) =>
            {
                var (keySet, error) = auth.AuthenticateManagement(context);
                if (error is not null)
                {
                    return error;
                }

                var body = await JsonBody.ReadAsync(context.Request);
                lock (state.Gate)
                {
                    return orders.Create(keySet!, context.Request.Header("Idempotency-Key"), body, context.Request.Path.Value ?? "", context.Request.BaseUrl());
                }
            })
            .Operation("management.product-orders.create");

        var admin = app.MapGroup("/simulator/product-orders");
        admin.MapGet("/", (ProductOrderBook orders, SimulatorState state) =>
        {
            lock (state.Gate)
            {
                return Results.Ok(orders.All());
            }
        });

        admin.MapPost("/{id:guid}/advance", (Guid id, ProductOrderAdvance? body, ProductOrderBook orders, SimulatorState state) =>
        {
            lock (state.Gate)
            {
                var (order, conflict) = orders.Advance(id, body?.Status);
                return order is null ? Results.NotFound(new AdminError($"No product order {id}."))
                    : conflict is not null ? Results.Conflict(new AdminError(conflict))
                    : Results.Ok(order);
            }
        });
    }

    /// <summary>
    /// The merchant's business identifier scheme by the unit's country: <c>business:NO:ORG</c>, <c>business:DK:CVR</c>,
    /// <c>business:FI:Y-tunnus</c> (the spec's examples), so that a client deriving the market from it gets the unit's.
    /// </summary>
    private static string SchemeOf(SalesUnit unit) => unit.Country switch
    {
        "DK" => "business:DK:CVR",
        "FI" => "business:FI:Y-tunnus",
        _ => "business:NO:ORG",
    };

    private static ApiResponse Summaries(IEnumerable<SalesUnit> units) =>
        new(200, SimulatorJson.Serialize(units.Select(u => new Dictionary<string, string> { ["msn"] = u.Msn, ["name"] = u.Name }).ToList()), JsonUtf8);

    private static Dictionary<string, object> Details(SalesUnit unit) => new()
    {
        ["msn"] = unit.Msn,
        ["name"] = unit.Name,
        ["businessIdentifier"] = new Dictionary<string, string> { ["scheme"] = SchemeOf(unit), ["id"] = unit.OrganizationNumber },
        ["configuration"] = new Dictionary<string, object>
        {
            ["paymentAllowed"] = unit.PaymentAllowed,
            ["captureType"] = unit.CaptureType,
            ["skipLandingPageAllowed"] = unit.PushMessageAllowed,
            ["recurringAllowed"] = unit.RecurringEnabled,
        },
    };
}

/// <summary>The admin body of <c>POST /simulator/product-orders/{id}/advance</c>: the status to move to (default: the next).</summary>
internal sealed record ProductOrderAdvance(string? Status);
