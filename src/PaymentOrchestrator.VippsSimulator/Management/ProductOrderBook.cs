using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PaymentOrchestrator.VippsSimulator.Accounts;
using PaymentOrchestrator.VippsSimulator.Clock;
using PaymentOrchestrator.VippsSimulator.Infrastructure;

namespace PaymentOrchestrator.VippsSimulator.Management;

/// <summary>
/// Product orders: created by <c>POST /management/v1/product-orders</c> (validated, idempotent per key set and
/// <c>Idempotency-Key</c>: the same body gives the same order, another body 409), moved forward by the admin API, and
/// on <c>COMPLETED</c> turned into a new Norwegian sales unit (next free MSN from 600001) linked to the partner that
/// ordered it. Callers hold <see cref="SimulatorState.Gate"/>.
/// </summary>
internal sealed class ProductOrderBook(AccountStore accounts, IdempotencyStore idempotency, IdGenerator ids, SimulatorClock clock, Problems problems)
{
    private const string Operation = "management.product-orders.create";
    private const int FirstNewMsn = 600001;
    private readonly Dictionary<Guid, SimulatorProductOrder> _orders = [];

    public ApiResponse Create(KeySet caller, string? idempotencyKey, string? body, string instance, string baseUrl)
    {
        if (string.IsNullOrEmpty(idempotencyKey) || idempotencyKey.Length > 50 || !idempotencyKey.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return Invalid("Idempotency-Key", "The Idempotency-Key header is required: 1 to 50 characters of A-Z, a-z, 0-9 and '-'.", instance);
        }

        var scope = "management:" + caller.ClientId;
        var (outcome, stored) = idempotency.Check(scope, idempotencyKey, Operation, "product-orders", body);
        switch (outcome)
        {
            case IdempotencyOutcome.Replay:
                return stored!;
            case IdempotencyOutcome.BodyConflict or IdempotencyOutcome.KeyReused:
                return problems.Create(ApiFamily.Management, 409, "Conflict", "This Idempotency-Key was already used for a different product order.", instance, field: "Idempotency-Key");
        }

        var response = CreateFresh(caller, body, instance, baseUrl);
        idempotency.Store(scope, idempotencyKey, Operation, "product-orders", body, response);
        return response;
    }

    /// <summary>Moves the order forward one status, or to <paramref name="to"/> through every status between; null when unknown.</summary>
    public (SimulatorProductOrder? Order, string? Error) Advance(Guid id, string? to)
    {
        if (!_orders.TryGetValue(id, out var order))
        {
            return (null, null);
        }

        var current = Index(order.Status);
        var target = to is null ? current + 1 : Index(to);
        if (to is not null && target < 0)
        {
            return (order, $"Unknown status '{to}': use {string.Join(", ", ProductOrderStatus.InOrder)}.");
        }

        if (target <= current || target >= ProductOrderStatus.InOrder.Count)
        {
            return (order, $"Product order {id} is {order.Status}; it can only move forward ({string.Join(" → ", ProductOrderStatus.InOrder)}).");
        }

        var now = clock.GetUtcNow();
        var history = order.History.Concat(ProductOrderStatus.InOrder.Take(target + 1).Skip(current + 1).Select(s => new ProductOrderStep(s, now))).ToList();
        order = order with { History = history };
        if (order.Status == ProductOrderStatus.Completed)
        {
            order = Complete(order);
        }

        _orders[id] = order;
        return (order, null);
    }

    public SimulatorProductOrder? Find(Guid id) => _orders.GetValueOrDefault(id);

    public IReadOnlyList<SimulatorProductOrder> All() => [.. _orders.Values.OrderBy(o => o.History[0].At).ThenBy(o => o.Id)];

    public IReadOnlyList<SimulatorProductOrder> Export() => All();

    /// <summary>Restores the orders and re-creates the sales units completed orders made (they are not in the seed).</summary>
    public void Import(IEnumerable<SimulatorProductOrder> orders)
    {
        _orders.Clear();
        foreach (var order in orders)
        {
            _orders[order.Id] = order;
            if (order.Msn is not null)
            {
                // Key sets added through the admin API are not kept: link the unit to those that still exist.
                var linked = (order.LinkedClientIds ?? []).Where(id => accounts.FindKeySet(id) is not null).ToList();
                accounts.AddSalesUnit(UnitOf(order, order.Msn, linked));
            }
        }
    }

    private ApiResponse CreateFresh(KeySet caller, string? body, string instance, string baseUrl)
    {
        JsonNode? root;
        try
        {
            root = body is null ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return Invalid("body", "The request body is not valid JSON.", instance);
        }

        if (ProductOrderValidation.Check(root) is { } error)
        {
            return Invalid(error.Field, error.Message, instance);
        }

        var order = new SimulatorProductOrder(
            ids.NewGuid(),
            caller.ClientId,
            root!["businessIdentifier"]!["id"]!.GetValue<string>(),
            root["productType"]!.GetValue<string>(),
            root["salesUnitName"]?.GetValue<string>(),
            [new ProductOrderStep(ProductOrderStatus.Received, clock.GetUtcNow())]);
        _orders[order.Id] = order;
        var product = order.ProductType.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        return new ApiResponse(201, SimulatorJson.Serialize(new Dictionary<string, string>
        {
            ["prefilledOrderId"] = order.Id.ToString("D"),
            ["prefillUrl"] = $"{baseUrl}simulator/portal/register/{product}/{order.Id:D}",
        }));
    }

    private SimulatorProductOrder Complete(SimulatorProductOrder order)
    {
        var owner = accounts.FindKeySet(order.OwnerClientId);
        var linked = owner is null ? [] : accounts.PartnerKeySetsOf(owner);
        var msn = Enumerable.Range(FirstNewMsn, 399_999)
            .Select(n => n.ToString(CultureInfo.InvariantCulture))
            .First(m => accounts.FindSalesUnit(m) is null);
        accounts.AddSalesUnit(UnitOf(order, msn, linked));
        return order with { Msn = msn, LinkedClientIds = linked };
    }

    /// <summary>A new unit as Vipps would open it: payments reserved then captured, no Recurring until Vipps' extra checks.</summary>
    private static SalesUnitDefinition UnitOf(SimulatorProductOrder order, string msn, IReadOnlyList<string> linked) => new()
    {
        Msn = msn,
        Name = order.SalesUnitName ?? $"Sales unit {msn}",
        Country = "NO",
        OrganizationNumber = order.OrganizationNumber,
        RecurringEnabled = false,
        PaymentAllowed = order.ProductType != "VIPPS_LOGG_INN",
        CaptureType = order.ProductType == "VIPPS_LOGG_INN" ? "NotApplicable" : "ReserveCapture",
        LinkedPartnerClientIds = [.. linked],
    };

    private static int Index(string status) => ProductOrderStatus.InOrder.ToList().IndexOf(status);

    private ApiResponse Invalid(string field, string message, string instance) =>
        problems.Create(ApiFamily.Management, 400, "Bad Request", message, instance, field: field);
}
