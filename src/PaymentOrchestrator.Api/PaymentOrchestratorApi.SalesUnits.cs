using System.Text.Json;
using System.Text.Json.Nodes;
using PaymentOrchestrator.Orchestration.SalesUnits;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Vipps;

namespace PaymentOrchestrator.Api;

/// <summary>
/// The registry following Vipps, for keys with <see cref="ApiCaller.ManagesSalesUnits"/> (the partner-wide right): the
/// registry side by side with Vipps, registering a unit Vipps links to our keys, and a refresh now. 401 without a key;
/// 403 for any other key, whatever sales units bind its source.
/// </summary>
public sealed partial class PaymentOrchestratorApi
{
    /// <summary><c>GET /api/sales-units</c>: every registered unit and every unit linked to our keys, side by side (Vipps is asked now; nothing is written).</summary>
    public Task<IResult> SalesUnitsAsync(HttpRequest request, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
            ManagerProblem(request) ?? ApiJson.Ok(SyncView(await registry.CompareAsync(cancellationToken))));

    /// <summary><c>POST /api/sales-units/sync</c>: the scheduled refresh, now; answers what it did per unit.</summary>
    public Task<IResult> SyncSalesUnitsAsync(HttpRequest request, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
        {
            if (ManagerProblem(request) is { } problem)
            {
                return problem;
            }

            var caller = Authenticate(request)!;
            LogSalesUnitsSynced(caller.Name);
            return ApiJson.Ok(SyncView(await registry.RefreshAsync(cancellationToken)));
        });

    /// <summary>
    /// <c>POST /api/sales-units</c> <c>{"msn":"123456","sources":["webshop/acme:payments,captures"],"market":"NO"}</c>
    /// (<c>keySetName</c> and <c>environment</c> optional): 201 with the unit; 400 naming the field; 409
    /// <c>not-linked-at-vipps</c> when Vipps does not show the unit to our keys (no row is written); 503 when Vipps did not answer.
    /// </summary>
    public Task<IResult> RegisterSalesUnitAsync(HttpRequest request, CancellationToken cancellationToken) =>
        GuardAsync(cancellationToken, async () =>
        {
            if (ManagerProblem(request) is { } problem)
            {
                return problem;
            }

            var (_, json, unreadable) = await ReadJsonObjectAsync(request, "registration", cancellationToken);
            if (json is null)
            {
                return unreadable!;
            }

            var (registration, invalid) = ReadRegistration(json);
            if (registration is null)
            {
                return Invalid(invalid!);
            }

            var result = await registry.RegisterAsync(registration, cancellationToken);
            if (result.Unit is { } unit)
            {
                LogSalesUnitRegistered(unit.Msn.Value, Authenticate(request)!.Name);
                return Results.Json(Registered(unit), ApiJson.Options, statusCode: StatusCodes.Status201Created);
            }

            return result.NotAtVipps is { } refused
                ? Problems.Create(StatusCodes.Status409Conflict, "not-linked-at-vipps", "Not linked to our keys at Vipps", refused)
                : result.VippsUnreachable is { } unreachable
                ? ApiHeaders.RetryAfter(Problems.Create(StatusCodes.Status503ServiceUnavailable, "vipps-unavailable", "Vipps did not answer",
                    $"Not registered: could not ask Vipps about sales unit {registration.Msn}: {unreachable}"), 30)
                : Invalid(string.Join(" ", result.Problems));
        });

    /// <summary>
    /// The one guard of the partner-wide routes (the registry and onboarding): 401 without a key, 403 for a key without
    /// the right; null for a key that manages sales units.
    /// </summary>
    private IResult? ManagerProblem(HttpRequest request) =>
        Authenticate(request) switch
        {
            null => Challenge(),
            { ManagesSalesUnits: false } caller => Problems.Create(StatusCodes.Status403Forbidden, "not-a-sales-unit-manager", "Not allowed for this key",
                $"The API key '{caller.Name}' may not list, sync, register or onboard sales units: that needs a key with ManagesSalesUnits (Api:Keys:N:ManagesSalesUnits)."),
            _ => null,
        };

    private static (SalesUnitRegistrationRequest? Request, string? Problem) ReadRegistration(JsonObject json)
    {
        static string? Text(JsonObject json, string name) =>
            json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

        foreach (var name in new[] { "msn", "market", "keySetName", "environment" })
        {
            if (json[name] is { } node && node.GetValueKind() != JsonValueKind.String)
            {
                return (null, $"{name}: give a string.");
            }
        }

        if (Text(json, "msn") is not { } msn)
        {
            return (null, "msn: give the sales unit's MSN (4-6 digits).");
        }

        if (json["sources"] is not JsonArray array || array.Count == 0 || array.Any(s => s?.GetValueKind() != JsonValueKind.String))
        {
            return (null, "sources: give a list of bindings such as [\"webshop/acme:payments,captures\"].");
        }

        VippsEnvironment? environment = null;
        if (Text(json, "environment") is { } env)
        {
            if (!Enum.TryParse<VippsEnvironment>(env, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return (null, "environment: Production or Test.");
            }

            environment = parsed;
        }

        return (new SalesUnitRegistrationRequest(msn, [.. array.Select(s => s!.GetValue<string>())], Text(json, "market"), Text(json, "keySetName"), environment), null);
    }

    private static object SyncView(SalesUnitSyncView view) => new
    {
        listProblem = view.ListProblem,
        units = view.Rows.Select(row => new
        {
            msn = row.Msn,
            status = row.Status.ToString(),
            action = row.Action.ToString(),
            name = row.Name,
            atVipps = row.AtVipps is { } v
                ? new
                {
                    name = v.Name,
                    businessIdentifier = v.BusinessIdentifier?.ToString(),
                    capabilities = SalesUnitCapabilities.Describe(v.BusinessIdentifier, v.Configuration),
                    paymentAllowed = v.Configuration.PaymentAllowed,
                    captureType = v.Configuration.CaptureType?.ToString(),
                    recurringAllowed = v.Configuration.RecurringAllowed,
                    skipLandingPageAllowed = v.Configuration.SkipLandingPageAllowed,
                }
                : null,
            registered = (row.Refreshed ?? row.Registered) is { } unit ? Registered(unit) : null,
            note = row.Note,
        }),
    };

    private static object Registered(SalesUnit unit) => new
    {
        msn = unit.Msn.Value,
        name = unit.Name,
        market = unit.Market.ToString(),
        currency = unit.Currency.ToString(),
        environment = unit.Environment.ToString(),
        keySetName = unit.KeySetName,
        status = unit.Status.ToString(),
        disabledReason = unit.DisabledReason,
        disabledSince = unit.DisabledSince,
        sources = unit.AllowedSources.Select(s => new { source = s, rights = SourceRightsRules.Format(unit.RightsOf(s)) }),
        capabilities = SalesUnitCapabilities.Describe(unit),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Sales units synced with Vipps by {KeyName}")]
    private partial void LogSalesUnitsSynced(string keyName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sales unit {Msn} registered by {KeyName}")]
    private partial void LogSalesUnitRegistered(string msn, string keyName);
}
