using System.Globalization;
using System.Text.RegularExpressions;
using PaymentOrchestrator.VippsSimulator.Accounts;
using PaymentOrchestrator.VippsSimulator.Admin;
using PaymentOrchestrator.VippsSimulator.Clock;
using PaymentOrchestrator.VippsSimulator.Infrastructure;
using PaymentOrchestrator.VippsSimulator.Report;
using PaymentOrchestrator.VippsSimulator.Userinfo;
using PaymentOrchestrator.VippsSimulator.Webhooks;

namespace PaymentOrchestrator.VippsSimulator.Recurring;

/// <summary>Recurring v3 behaviour: agreements, charges, due-date processing, idempotency (vipps-api-notes §5).</summary>
internal sealed partial class RecurringService(
    SimulatorState state,
    IdempotencyStore idempotency,
    SimulatorClock clock,
    SimulatorSettings settings,
    Problems problems,
    IdGenerator ids,
    CounterStore counters,
    WebhookDispatcher webhooks,
    SettlementBook settlements,
    ConsentBook consents) : ITimeDriven
{
    private static readonly string[] FailureReasons = ["user_action_required", "charge_amount_too_high", "non_technical_error", "technical_error"];
    private readonly Dictionary<string, Agreement> _agreements = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Msn, string ChargeId), Charge> _charges = [];
    private readonly Dictionary<string, List<Charge>> _chargesByAgreement = new(StringComparer.Ordinal);

    /// <summary>Every agreement and charge (the caller holds the state lock).</summary>
    internal (IReadOnlyList<Agreement> Agreements, IReadOnlyList<Charge> Charges) Export() => ([.. _agreements.Values], [.. _charges.Values]);

    /// <summary>Replaces every agreement and charge (at start, before any request); charges keep their order.</summary>
    internal void Import(IEnumerable<Agreement> agreements, IEnumerable<Charge> charges)
    {
        _agreements.Clear();
        _charges.Clear();
        _chargesByAgreement.Clear();
        foreach (var agreement in agreements)
        {
            _agreements[agreement.Id] = agreement;
        }

        foreach (var charge in charges)
        {
            _charges[(charge.Msn, charge.Id)] = charge;
            if (!_chargesByAgreement.TryGetValue(charge.AgreementId, out var list))
            {
                list = [];
                _chargesByAgreement[charge.AgreementId] = list;
            }

            list.Add(charge);
        }
    }

    // ---- Agreements ----------------------------------------------------------------------------------------------

    public ApiResponse Draft(Caller caller, string? key, string? body, string instance, string baseUrl) =>
        Precheck(caller, key, instance, movesMoney: true)
        ?? Idempotent(caller.Msn!, key!, "agreement.create", "", body, instance, () => DoDraft(caller.SalesUnit!, key!, body, instance, baseUrl));

    public ApiResponse GetAgreement(Caller caller, string agreementId, string instance) => Read(caller, instance, () =>
        FindAgreement(caller.Msn!, agreementId, instance, out var agreement) ?? ApiResponse.Json(200, ToResponse(agreement)));

    public ApiResponse ListAgreements(Caller caller, string? status, long? createdAfter, int? pageNumber, int? pageSize, string instance) => Read(caller, instance, () =>
    {
        // Without a status Vipps lists only ACTIVE agreements (REC-spec ListAgreementsV3).
        var wanted = status ?? "ACTIVE";
        var now = clock.GetUtcNow();
        foreach (var pending in _agreements.Values.Where(a => a.Msn == caller.Msn && a.Status == "PENDING").ToList())
        {
            Refresh(pending, now);
        }

        var query = _agreements.Values
            .Where(a => a.Msn == caller.Msn && a.Status == wanted)
            .Where(a => createdAfter is null || a.Created.ToUnixTimeMilliseconds() > createdAfter)
            .OrderBy(a => a.Created)
            .Select(ToResponse);
        if (pageSize is > 0)
        {
            query = query.Skip(Math.Max(0, (pageNumber ?? 1) - 1) * pageSize.Value).Take(pageSize.Value);
        }

        return ApiResponse.Json(200, query.ToList());
    });

    public ApiResponse Update(Caller caller, string agreementId, string? key, string? body, string instance) =>
        Precheck(caller, key, instance, movesMoney: true)
        ?? Idempotent(caller.Msn!, key!, "agreement.update", agreementId, body, instance, () => DoUpdate(caller.Msn!, agreementId, body, instance));

    public ApiResponse ForceAccept(Caller caller, string agreementId, string? key, string? body, string instance)
    {
        if (Precheck(caller, key, instance, movesMoney: true) is { } refused)
        {
            return refused;
        }

        if (settings.Mode != SimulatorMode.Test)
        {
            return Problem(400, "Bad Request", "Force accept is only available in the test environment.", instance);
        }

        return Idempotent(caller.Msn!, key!, "agreement.accept", agreementId, body, instance, () =>
        {
            if (!JsonBody.TryParse<ForceAcceptRequest>(body, out var request, out var error) || request?.PhoneNumber is null)
            {
                return Problem(400, "Bad Request", request is null ? "phoneNumber is required. " + error : error, instance, field: "phoneNumber");
            }

            if (FindAgreement(caller.Msn!, agreementId, instance, out var agreement) is { } missing)
            {
                return missing;
            }

            if (agreement.Status != "PENDING")
            {
                return Problem(400, "Bad Request", $"The agreement is {agreement.Status}; only a PENDING agreement can be accepted.", instance);
            }

            Activate(agreement, clock.GetUtcNow(), request.PhoneNumber);
            return ApiResponse.Empty(204);
        });
    }

    // ---- Charges -------------------------------------------------------------------------------------------------

    public ApiResponse CreateCharge(Caller caller, string agreementId, string? key, string? body, string instance) =>
        Precheck(caller, key, instance, movesMoney: true)
        ?? Idempotent(caller.Msn!, key!, "charge.create", agreementId, body, instance, () => DoCreateCharge(caller.Msn!, agreementId, key!, body, instance));

    public ApiResponse GetCharge(Caller caller, string? agreementId, string chargeId, string instance) => Read(caller, instance, () =>
        FindCharge(caller.Msn!, agreementId, chargeId, instance, out var charge) ?? ApiResponse.Json(200, ToResponse(charge)));

    public ApiResponse ListCharges(Caller caller, string agreementId, string? status, string instance) => Read(caller, instance, () =>
    {
        if (FindAgreement(caller.Msn!, agreementId, instance, out _) is { } missing)
        {
            return missing;
        }

        // Everything fits in one page here, so no Continuation-Token header is ever returned.
        var charges = _chargesByAgreement.GetValueOrDefault(agreementId) ?? [];
        var now = clock.GetUtcNow();
        foreach (var charge in charges)
        {
            Process(charge, now);
        }

        return ApiResponse.Json(200, charges.Where(c => status is null || c.Status == status).Select(ToResponse).ToList());
    });

    public ApiResponse Capture(Caller caller, string agreementId, string chargeId, string? key, string? body, string instance) =>
        Precheck(caller, key, instance, movesMoney: true)
        ?? Idempotent(caller.Msn!, key!, "charge.capture", $"{agreementId}/{chargeId}", body, instance, () => DoCapture(caller.Msn!, agreementId, chargeId, key!, body, instance));

    public ApiResponse Refund(Caller caller, string agreementId, string chargeId, string? key, string? body, string instance) =>
        Precheck(caller, key, instance, movesMoney: true)
        ?? Idempotent(caller.Msn!, key!, "charge.refund", $"{agreementId}/{chargeId}", body, instance, () => DoRefund(caller.Msn!, agreementId, chargeId, key!, body, instance));

    public ApiResponse Cancel(Caller caller, string agreementId, string chargeId, string? key, string instance) =>
        Precheck(caller, key, instance, movesMoney: true)
        ?? Idempotent(caller.Msn!, key!, "charge.cancel", $"{agreementId}/{chargeId}", null, instance, () => DoCancel(caller.Msn!, agreementId, chargeId, key!, instance));

    // ---- Admin ---------------------------------------------------------------------------------------------------

    public (bool Found, string? Conflict) Act(string msn, string agreementId, CustomerAction action, string? phoneNumber)
    {
        lock (state.Gate)
        {
            if (!_agreements.TryGetValue(agreementId, out var agreement) || agreement.Msn != msn)
            {
                return (false, null);
            }

            var now = clock.GetUtcNow();
            Refresh(agreement, now);
            if (agreement.Status != "PENDING")
            {
                return (true, $"The agreement is {agreement.Status}; only a PENDING agreement can be acted on.");
            }

            switch (action)
            {
                case CustomerAction.Approve:
                    Activate(agreement, now, phoneNumber ?? agreement.PhoneNumber);
                    break;
                case CustomerAction.Reject:
                    // A rejected agreement ends STOPPED (REC-guide "Agreement states"); the event says rejected.
                    End(agreement, "STOPPED", now, "recurring.agreement-rejected.v1", "USER");
                    break;
                case CustomerAction.Decline when agreement.Scope is null:
                    return (true, "The agreement asks for no profile details; there is nothing to decline.");
                case CustomerAction.Decline:
                    // Without sharing the asked-for details the customer cannot accept: the agreement is rejected.
                    End(agreement, "STOPPED", now, "recurring.agreement-rejected.v1", "USER");
                    break;
                default:
                    End(agreement, "EXPIRED", now, "recurring.agreement-expired.v1", "USER");
                    break;
            }

            return (true, null);
        }
    }

    /// <summary>The agreement a confirmation-page token belongs to: (msn, agreement id, product, status, redirect URL, scope).</summary>
    public (string Msn, string AgreementId, string ProductName, string Status, string RedirectUrl, string? Scope)? FindByConfirmationToken(string token)
    {
        lock (state.Gate)
        {
            var suffix = "?token=" + token;
            var agreement = _agreements.Values.FirstOrDefault(a => a.ConfirmationUrl.EndsWith(suffix, StringComparison.Ordinal));
            if (agreement is null)
            {
                return null;
            }

            Refresh(agreement, clock.GetUtcNow());
            return (agreement.Msn, agreement.Id, agreement.ProductName, agreement.Status, agreement.MerchantRedirectUrl, agreement.Scope);
        }
    }

    public (bool Found, string? Error) SetChargeOutcome(string msn, string chargeId, ChargeOutcomeRequest outcome)
    {
        if (outcome.FailureReason is not null && !FailureReasons.Contains(outcome.FailureReason))
        {
            return (true, "failureReason must be one of " + string.Join(", ", FailureReasons));
        }

        lock (state.Gate)
        {
            if (!_charges.TryGetValue((msn, chargeId), out var charge))
            {
                return (false, null);
            }

            charge.ConfiguredFailure = outcome.FailureReason;
            charge.ConfiguredFailAttempts = outcome.FailAttempts;
            return (true, null);
        }
    }

    public void Sweep()
    {
        lock (state.Gate)
        {
            var now = clock.GetUtcNow();
            foreach (var agreement in _agreements.Values.Where(a => a.Status == "PENDING").ToList())
            {
                Refresh(agreement, now);
            }

            foreach (var charge in _charges.Values.Where(c => c.IsOpen).ToList())
            {
                Process(charge, now);
            }
        }
    }

    // ---- Implementation -------------------------------------------------------------------------------------------

    private ApiResponse Read(Caller caller, string instance, Func<ApiResponse> read)
    {
        if (caller.SalesUnit is not { RecurringEnabled: true })
        {
            return Problem(403, "Forbidden", "Recurring is not enabled for this sales unit.", instance);
        }

        lock (state.Gate)
        {
            return read();
        }
    }

    private ApiResponse? Precheck(Caller caller, string? key, string instance, bool movesMoney)
    {
        if (movesMoney && !caller.MayMoveMoney)
        {
            return Problem(403, "Forbidden", $"{caller.KeySet.Type} keys cannot change agreements or charges.", instance);
        }

        if (caller.SalesUnit is not { RecurringEnabled: true })
        {
            return Problem(403, "Forbidden", "Recurring is not enabled for this sales unit.", instance);
        }

        // 1–40 characters, none of # ? / \ (REC-spec Idempotency-Key).
        return key is null || !IdempotencyKey().IsMatch(key)
            ? Problem(400, "Bad Request", "The Idempotency-Key header is required: 1 to 40 characters, without # ? / or \\.", instance, field: "Idempotency-Key")
            : null;
    }

    private ApiResponse Idempotent(string msn, string key, string operation, string target, string? body, string instance, Func<ApiResponse> execute)
    {
        lock (state.Gate)
        {
            var scope = "recurring/" + msn;
            var (outcome, stored) = idempotency.Check(scope, key, operation, target, body);
            switch (outcome)
            {
                case IdempotencyOutcome.Replay:
                    counters.Replayed();
                    return stored!;
                case IdempotencyOutcome.BodyConflict:
                case IdempotencyOutcome.KeyReused:
                    return Problem(409, "Conflict", $"Idempotency-Key '{key}' was already used for a different request.", instance, field: "Idempotency-Key");
            }

            var response = execute();
            if (response.Status < 500)
            {
                idempotency.Store(scope, key, operation, target, body, response);
            }

            return response;
        }
    }

    private ApiResponse DoDraft(SalesUnit unit, string key, string? body, string instance, string baseUrl)
    {
        if (!JsonBody.TryParse<DraftAgreementRequest>(body, out var request, out var parseError) || request is null)
        {
            return Problem(400, "Bad Request", request is null && parseError.Length == 0 ? "A DraftAgreementV3 body is required." : parseError, instance);
        }

        if (ValidateDraft(request, unit, instance) is { } invalid)
        {
            return invalid;
        }

        var now = clock.GetUtcNow();
        var pricing = request.Pricing!;
        var id = "agr_" + ids.Alnum(7);
        var token = ids.Alnum(32);
        string? chargeId = null;
        if (request.InitialCharge is { } initial)
        {
            chargeId = initial.OrderId ?? "chr-" + ids.Alnum(10);
            if (_charges.ContainsKey((unit.Msn, chargeId)))
            {
                return Problem(409, "Conflict", $"orderId '{chargeId}' is already used, and must be unique.", instance, field: "initialCharge.orderId");
            }
        }

        var agreement = new Agreement
        {
            Id = id,
            Uuid = ids.NewGuid().ToString(),
            Msn = unit.Msn,
            Currency = unit.Currency,
            CountryCode = request.CountryCode ?? unit.Country,
            PricingType = pricing.Type ?? "LEGACY",
            Amount = pricing.Amount is { } amount ? (long)amount : null,
            SuggestedMaxAmount = pricing.SuggestedMaxAmount is { } max ? (long)max : null,
            IntervalUnit = request.Interval!.Unit!,
            IntervalCount = request.Interval.Count!.Value,
            ProductName = request.ProductName!,
            ProductDescription = request.ProductDescription,
            MerchantAgreementUrl = request.MerchantAgreementUrl!,
            MerchantRedirectUrl = request.MerchantRedirectUrl!,
            ExternalId = request.ExternalId,
            PhoneNumber = request.PhoneNumber,
            Scope = request.Scope,
            ConfirmationUrl = $"{baseUrl}simulator/agreement-landing?token={token}",
            Created = now,
            ExpiresAt = now + settings.AgreementExpiry,
            AutoAcceptAt = settings.AutoApproveAfter is { } delay ? now + delay : null,
            InitialChargeId = chargeId,
        };
        _agreements[id] = agreement;
        if (request.InitialCharge is { } initialCharge)
        {
            AddCharge(new Charge
            {
                Id = chargeId!,
                AgreementId = id,
                Msn = unit.Msn,
                Amount = (long)initialCharge.Amount!.Value,
                Currency = unit.Currency,
                Description = initialCharge.Description!,
                Due = DateOnly.FromDateTime(now.UtcDateTime),
                RetryDays = 0,
                TransactionType = initialCharge.TransactionType!,
                Type = "INITIAL",
                ExternalId = initialCharge.ExternalId ?? chargeId!,
                TransactionId = TransactionId(),
            }, now, key);
        }

        return ApiResponse.Json(201, new DraftAgreementResponse(id, agreement.Uuid, agreement.ConfirmationUrl, chargeId));
    }

    private ApiResponse? ValidateDraft(DraftAgreementRequest request, SalesUnit unit, string instance)
    {
        var pricing = request.Pricing;
        if (pricing is null)
        {
            return Problem(400, "Bad Request", "pricing is required.", instance, field: "pricing");
        }

        // The 2023 spec allows NOK only; Vipps now allows NOK, DKK and EUR, matching the sales unit (vipps-api-notes, SOURCES.md).
        if (pricing.Currency != unit.Currency)
        {
            return Problem(400, "Bad Request", $"pricing.currency must be the sales unit's currency {unit.Currency}.", instance, field: "pricing.currency");
        }

        switch (pricing.Type ?? "LEGACY")
        {
            case "LEGACY" when pricing.Amount is not { } amount || !IsWhole(amount) || amount < 100:
                return Problem(400, "Bad Request", "pricing.amount must be a whole number of at least 100 for LEGACY pricing.", instance, field: "pricing.amount");
            case "VARIABLE" when pricing.SuggestedMaxAmount is not { } max || !IsWhole(max) || max < 100 || max > 2_000_000:
                return Problem(400, "Bad Request", "pricing.suggestedMaxAmount must be 100 to 2000000 for VARIABLE pricing.", instance, field: "pricing.suggestedMaxAmount");
            case "LEGACY" or "VARIABLE":
                break;
            default:
                return Problem(400, "Bad Request", "pricing.type must be LEGACY or VARIABLE.", instance, field: "pricing.type");
        }

        if (request.Interval is not { Unit: "YEAR" or "MONTH" or "WEEK" or "DAY", Count: >= 1 and <= 31 })
        {
            return Problem(400, "Bad Request", "interval needs unit YEAR, MONTH, WEEK or DAY and count 1 to 31.", instance, field: "interval");
        }

        if (string.IsNullOrWhiteSpace(request.ProductName) || request.ProductName.Length > 45)
        {
            return Problem(400, "Bad Request", "productName is required, at most 45 characters.", instance, field: "productName");
        }

        if (request.ProductDescription is { Length: > 100 })
        {
            return Problem(400, "Bad Request", "productDescription is at most 100 characters.", instance, field: "productDescription");
        }

        if (request.MerchantAgreementUrl is null || request.MerchantAgreementUrl.Length > 1024 || !UrlRules.IsAllowedWebhookUrl(request.MerchantAgreementUrl))
        {
            return Problem(400, "Bad Request", "merchantAgreementUrl is required and must be an https URL.", instance, field: "merchantAgreementUrl");
        }

        if (request.MerchantRedirectUrl is null || request.MerchantRedirectUrl.Length > 1024 || !UrlRules.IsAllowedReturnUrl(request.MerchantRedirectUrl))
        {
            return Problem(400, "Bad Request", "merchantRedirectUrl is required and must be an https URL or a deeplink.", instance, field: "merchantRedirectUrl");
        }

        if (request.PhoneNumber is { } phone && !PhoneNumber().IsMatch(phone))
        {
            return Problem(400, "Bad Request", "phoneNumber must be an MSISDN, digits only.", instance, field: "phoneNumber");
        }

        if (request.ExternalId is { Length: 0 or > 64 })
        {
            return Problem(400, "Bad Request", "externalId must be 1 to 64 characters.", instance, field: "externalId");
        }

        if (request.InitialCharge is { } initial)
        {
            if (initial.Amount is not { } amount || !IsWhole(amount) || amount < 100)
            {
                return Problem(400, "Bad Request", "initialCharge.amount must be a whole number of at least 100.", instance, field: "initialCharge.amount");
            }

            if (string.IsNullOrWhiteSpace(initial.Description) || initial.Description.Length > 45)
            {
                return Problem(400, "Bad Request", "initialCharge.description is required, 1 to 45 characters.", instance, field: "initialCharge.description");
            }

            if (initial.TransactionType is not ("DIRECT_CAPTURE" or "RESERVE_CAPTURE"))
            {
                return Problem(400, "Bad Request", "initialCharge.transactionType must be DIRECT_CAPTURE or RESERVE_CAPTURE.", instance, field: "initialCharge.transactionType");
            }

            if (initial.OrderId is { } orderId && !OrderId().IsMatch(orderId))
            {
                return Problem(400, "Bad Request", "initialCharge.orderId must be 1 to 50 characters of [a-zA-Z0-9-].", instance, field: "initialCharge.orderId");
            }
        }

        return null;
    }

    private ApiResponse DoUpdate(string msn, string agreementId, string? body, string instance)
    {
        if (!JsonBody.TryParse<PatchAgreementRequest>(body, out var request, out var parseError) || request is null)
        {
            return Problem(400, "Bad Request", parseError.Length > 0 ? parseError : "A PatchAgreementV3 body is required.", instance);
        }

        if (FindAgreement(msn, agreementId, instance, out var agreement) is { } missing)
        {
            return missing;
        }

        var now = clock.GetUtcNow();
        if (request.Status is not null)
        {
            if (request.Status != "STOPPED")
            {
                return Problem(400, "Bad Request", "status can only be set to STOPPED.", instance, field: "status");
            }

            // {"status":"STOPPED"} must come alone (AK/recurring, vipps-api-notes §5).
            if (request.ProductName is not null || request.ProductDescription is not null || request.MerchantAgreementUrl is not null
                || request.ExternalId is not null || request.Pricing is not null || request.Interval is not null)
            {
                return Problem(400, "Bad Request", "Stopping an agreement must be sent as {\"status\":\"STOPPED\"} alone.", instance, field: "status");
            }

            if (agreement.Status is "STOPPED" or "EXPIRED")
            {
                return Problem(400, "Bad Request", $"The agreement is already {agreement.Status}.", instance, field: "status");
            }

            End(agreement, "STOPPED", now, "recurring.agreement-stopped.v1", "MERCHANT");
            return ApiResponse.Empty(204);
        }

        if (agreement.Status is "STOPPED" or "EXPIRED")
        {
            return Problem(400, "Bad Request", $"A {agreement.Status} agreement cannot be updated.", instance);
        }

        if (request.ProductName is { Length: 0 or > 45 })
        {
            return Problem(400, "Bad Request", "productName is 1 to 45 characters.", instance, field: "productName");
        }

        if (request.Pricing is { } pricing)
        {
            if (pricing.Amount is { } amount && (agreement.PricingType != "LEGACY" || !IsWhole(amount) || amount < 100))
            {
                return Problem(400, "Bad Request", "pricing.amount can only be updated on LEGACY agreements, to at least 100.", instance, field: "pricing.amount");
            }

            if (pricing.SuggestedMaxAmount is { } max && (agreement.PricingType != "VARIABLE" || !IsWhole(max) || max < 100 || max > 2_000_000))
            {
                return Problem(400, "Bad Request", "pricing.suggestedMaxAmount can only be updated on VARIABLE agreements, to 100..2000000.", instance, field: "pricing.suggestedMaxAmount");
            }
        }

        if (request.MerchantAgreementUrl is { } url && !UrlRules.IsAllowedWebhookUrl(url))
        {
            return Problem(400, "Bad Request", "merchantAgreementUrl must be an https URL.", instance, field: "merchantAgreementUrl");
        }

        agreement.ProductName = request.ProductName ?? agreement.ProductName;
        agreement.ProductDescription = request.ProductDescription ?? agreement.ProductDescription;
        agreement.MerchantAgreementUrl = request.MerchantAgreementUrl ?? agreement.MerchantAgreementUrl;
        agreement.ExternalId = request.ExternalId ?? agreement.ExternalId;
        if (request.Pricing?.Amount is { } newAmount)
        {
            agreement.Amount = (long)newAmount;
        }

        if (request.Pricing?.SuggestedMaxAmount is { } newMax)
        {
            agreement.SuggestedMaxAmount = (long)newMax;
        }

        if (request.Interval?.Period is { Unit: "YEAR" or "MONTH" or "WEEK" or "DAY", Count: >= 1 and <= 31 } period)
        {
            agreement.IntervalUnit = period.Unit;
            agreement.IntervalCount = period.Count.Value;
        }

        return ApiResponse.Empty(204);
    }

    private ApiResponse DoCreateCharge(string msn, string agreementId, string key, string? body, string instance)
    {
        if (!JsonBody.TryParse<CreateChargeRequest>(body, out var request, out var parseError) || request is null)
        {
            return Problem(400, "Bad Request", parseError.Length > 0 ? parseError : "A CreateChargeV3 body is required.", instance);
        }

        if (FindAgreement(msn, agreementId, instance, out var agreement) is { } missing)
        {
            return missing;
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var type = request.Type ?? "RECURRING";
        if (type is not ("RECURRING" or "UNSCHEDULED"))
        {
            return Problem(400, "Bad Request", "type must be RECURRING or UNSCHEDULED.", instance, field: "type");
        }

        if (request.Amount is not { } amount || !IsWhole(amount) || amount < 100)
        {
            return Problem(400, "Bad Request", "amount must be a whole number of at least 100 (minor units).", instance, field: "amount");
        }

        if (request.TransactionType is not ("DIRECT_CAPTURE" or "RESERVE_CAPTURE"))
        {
            return Problem(400, "Bad Request", "transactionType must be DIRECT_CAPTURE or RESERVE_CAPTURE.", instance, field: "transactionType");
        }

        if (string.IsNullOrWhiteSpace(request.Description) || request.Description.Length > 45)
        {
            return Problem(400, "Bad Request", "description is required, 1 to 45 characters.", instance, field: "description");
        }

        if (request.RetryDays is not (>= 0 and <= 14) && type == "RECURRING")
        {
            return Problem(400, "Bad Request", "retryDays is required, 0 to 14.", instance, field: "retryDays");
        }

        if (request.OrderId is { } orderId && !OrderId().IsMatch(orderId))
        {
            return Problem(400, "Bad Request", "orderId must be 1 to 50 characters of [a-zA-Z0-9-].", instance, field: "orderId");
        }

        if (request.ExternalId is { Length: 0 or > 64 })
        {
            return Problem(400, "Bad Request", "externalId must be 1 to 64 characters.", instance, field: "externalId");
        }

        DateOnly due;
        if (type == "UNSCHEDULED")
        {
            // Unscheduled charges have no due date and are never retried (AK/recurring charges, newer than the spec).
            due = today;
        }
        else
        {
            if (request.Due is null || !DateOnly.TryParseExact(request.Due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out due))
            {
                return Problem(400, "Bad Request", "due is required as YYYY-MM-DD.", instance, field: "due");
            }

            // The 2023 spec says at least 2 days ahead in production (1 in test); Vipps' 2026 guidance says 1 day
            // everywhere (vipps-api-notes §5). The simulator follows the newer rule; at most 2 years ahead.
            if (due < today.AddDays(1))
            {
                return Problem(400, "Bad Request", "due must be at least one day in the future.", instance, field: "due");
            }

            if (due > today.AddYears(2))
            {
                return Problem(400, "Bad Request", "due must be at most two years in the future.", instance, field: "due");
            }
        }

        if (agreement.Status != "ACTIVE")
        {
            return Problem(400, "Bad Request", $"The agreement is {agreement.Status}; charges can only be created on ACTIVE agreements.", instance);
        }

        // LEGACY pricing: charges may total at most 5x the agreement price per interval (AK/recurring); enforced per charge.
        if (agreement.PricingType == "LEGACY" && amount > 5 * agreement.Amount)
        {
            return Problem(400, "Bad Request", $"amount exceeds 5 times the agreement price ({agreement.Amount}).", instance, field: "amount");
        }

        var chargeId = request.OrderId ?? "chr-" + ids.Alnum(10);
        if (_charges.ContainsKey((msn, chargeId)))
        {
            return Problem(409, "Conflict", $"orderId '{chargeId}' is already used, and must be unique.", instance, field: "orderId");
        }

        AddCharge(new Charge
        {
            Id = chargeId,
            AgreementId = agreement.Id,
            Msn = msn,
            Amount = (long)amount,
            Currency = agreement.Currency,
            Description = request.Description,
            Due = due,
            RetryDays = type == "UNSCHEDULED" ? 0 : request.RetryDays!.Value,
            TransactionType = request.TransactionType,
            Type = type,
            ExternalId = request.ExternalId ?? chargeId,
            TransactionId = TransactionId(),
        }, now, key);
        return ApiResponse.Json(201, new ChargeReference(chargeId));
    }

    private ApiResponse DoCapture(string msn, string agreementId, string chargeId, string key, string? body, string instance)
    {
        if (ParseAmount(body, instance, out var amount) is { } bad)
        {
            return bad;
        }

        if (FindCharge(msn, agreementId, chargeId, instance, out var charge) is { } missing)
        {
            return missing;
        }

        if (charge.Status is not ("RESERVED" or "PARTIALLY_CAPTURED"))
        {
            return Problem(400, "Bad Request", $"The charge is {charge.Status}; only RESERVED or PARTIALLY_CAPTURED charges can be captured.", instance);
        }

        var capturable = charge.Reserved - charge.Captured - charge.Cancelled;
        if (amount > capturable)
        {
            return Problem(400, "Bad Request", $"At most {capturable} can be captured.", instance, field: "amount");
        }

        var now = clock.GetUtcNow();
        charge.Captured += amount;
        charge.Status = charge.Captured == charge.Reserved ? "CHARGED" : "PARTIALLY_CAPTURED";
        counters.Captured($"{msn}/{agreementId}/{chargeId}");
        Record(charge, now, "CAPTURE", amount, key, true, "recurring.charge-captured.v1");
        settlements.Record(msn, chargeId, capture: true, amount, charge.Currency, ids.PspReference(), now);
        return ApiResponse.Empty(204);
    }

    private ApiResponse DoRefund(string msn, string agreementId, string chargeId, string key, string? body, string instance)
    {
        if (ParseAmount(body, instance, out var amount) is { } bad)
        {
            return bad;
        }

        if (FindCharge(msn, agreementId, chargeId, instance, out var charge) is { } missing)
        {
            return missing;
        }

        if (charge.Captured == 0 || charge.Status is not ("CHARGED" or "PARTIALLY_CAPTURED" or "PARTIALLY_REFUNDED"))
        {
            return Problem(400, "Bad Request", $"The charge is {charge.Status}; only captured charges can be refunded.", instance);
        }

        var refundable = charge.Captured - charge.Refunded;
        if (amount > refundable)
        {
            return Problem(400, "Bad Request", $"At most {refundable} can be refunded.", instance, field: "amount");
        }

        var now = clock.GetUtcNow();
        charge.Refunded += amount;
        charge.Status = charge.Refunded == charge.Captured ? "REFUNDED" : "PARTIALLY_REFUNDED";
        counters.Refunded($"{msn}/{agreementId}/{chargeId}");
        Record(charge, now, "REFUND", amount, key, true, "recurring.charge-refunded.v1");
        settlements.Record(msn, chargeId, capture: false, amount, charge.Currency, ids.PspReference(), now);
        return ApiResponse.Empty(204);
    }

    private ApiResponse DoCancel(string msn, string agreementId, string chargeId, string key, string instance)
    {
        if (FindCharge(msn, agreementId, chargeId, instance, out var charge) is { } missing)
        {
            return missing;
        }

        if (charge.Status is not ("PENDING" or "DUE" or "RESERVED" or "PARTIALLY_CAPTURED"))
        {
            return Problem(400, "Bad Request", $"The charge is {charge.Status} and cannot be cancelled.", instance);
        }

        CancelCharge(charge, clock.GetUtcNow(), key);
        counters.Cancelled($"{msn}/{agreementId}/{chargeId}");
        return ApiResponse.Empty(204);
    }

    private void CancelCharge(Charge charge, DateTimeOffset now, string idempotencyKey)
    {
        var released = charge.Status is "RESERVED" or "PARTIALLY_CAPTURED" ? charge.Reserved - charge.Captured - charge.Cancelled : charge.Amount;
        charge.Cancelled += released;
        charge.Status = charge.Captured > 0 ? "CHARGED" : "CANCELLED";
        Record(charge, now, "CANCEL", released, idempotencyKey, true, "recurring.charge-canceled.v1");
    }

    private ApiResponse? ParseAmount(string? body, string instance, out long amount)
    {
        amount = 0;
        if (!JsonBody.TryParse<ChargeAmountRequest>(body, out var request, out var parseError) || request is null)
        {
            return Problem(400, "Bad Request", parseError.Length > 0 ? parseError : "A body with amount and description is required.", instance);
        }

        if (request.Amount is not { } value || !IsWhole(value) || value < 100)
        {
            return Problem(400, "Bad Request", "amount must be a whole number of at least 100.", instance, field: "amount");
        }

        if (string.IsNullOrWhiteSpace(request.Description))
        {
            return Problem(400, "Bad Request", "description is required.", instance, field: "description");
        }

        amount = (long)value;
        return null;
    }

    private void AddCharge(Charge charge, DateTimeOffset now, string idempotencyKey)
    {
        _charges[(charge.Msn, charge.Id)] = charge;
        if (!_chargesByAgreement.TryGetValue(charge.AgreementId, out var list))
        {
            list = [];
            _chargesByAgreement[charge.AgreementId] = list;
        }

        list.Add(charge);

        // Charges due within 35 days show in the app as DUE (vipps-api-notes §5).
        charge.Status = charge.Type == "INITIAL" || charge.Due.ToDateTime(TimeOnly.MinValue) - now.UtcDateTime > TimeSpan.FromDays(35) ? "PENDING" : "DUE";
        charge.History.Add(new ChargeEventResponse(Timestamps.Format(now), "CREATE", charge.Amount, idempotencyKey, true));
    }

    private void Refresh(Agreement agreement, DateTimeOffset now)
    {
        if (agreement.Status != "PENDING")
        {
            return;
        }

        if (agreement.AutoAcceptAt is { } acceptAt && acceptAt <= now && acceptAt < agreement.ExpiresAt)
        {
            Activate(agreement, acceptAt, agreement.PhoneNumber);
        }
        else if (now >= agreement.ExpiresAt)
        {
            End(agreement, "EXPIRED", agreement.ExpiresAt, "recurring.agreement-expired.v1", "USER");
        }
    }

    private void Activate(Agreement agreement, DateTimeOffset at, string? phoneNumber)
    {
        agreement.Status = "ACTIVE";
        agreement.Start = at;
        agreement.PhoneNumber = phoneNumber;
        agreement.MaxAmount = agreement.SuggestedMaxAmount;
        if (agreement.Scope is not null)
        {
            // Accepting means the customer shared the details first (the consent screen precedes the agreement).
            agreement.Sub = consents.Grant(agreement.Msn, agreement.Scope, at);
        }

        PublishAgreement(agreement, at, "recurring.agreement-activated.v1", "USER");

        // The initial charge is processed as soon as the user accepts (REC-spec InitialChargeV3).
        if (agreement.InitialChargeId is { } chargeId && _charges.TryGetValue((agreement.Msn, chargeId), out var initial) && initial.IsOpen)
        {
            Attempt(initial, at);
        }
    }

    private void End(Agreement agreement, string status, DateTimeOffset at, string eventType, string actor)
    {
        var wasPending = agreement.Status == "PENDING";
        agreement.Status = status;
        agreement.Stop = at;
        PublishAgreement(agreement, at, eventType, actor);

        // A merchant stop cancels PENDING, DUE and RESERVED charges; an agreement that never became active takes its
        // initial charge with it.
        foreach (var charge in _chargesByAgreement.GetValueOrDefault(agreement.Id) ?? [])
        {
            if (charge.Status is "PENDING" or "DUE" || (charge.Status == "RESERVED" && actor == "MERCHANT") || (wasPending && charge.IsOpen))
            {
                CancelCharge(charge, at, "sim-" + ids.Hex(16));
            }
        }
    }

    private void Process(Charge charge, DateTimeOffset now)
    {
        if (charge.Type == "INITIAL")
        {
            return;
        }

        if (charge.Status == "PENDING" && charge.Due.ToDateTime(TimeOnly.MinValue) - now.UtcDateTime <= TimeSpan.FromDays(35))
        {
            charge.Status = "DUE";
        }

        // One attempt per day from the due date (00:00 UTC here; Vipps' hours vary) through due + retryDays.
        while (charge.IsOpen && charge.Attempts <= charge.RetryDays)
        {
            var attemptAt = new DateTimeOffset(charge.Due.AddDays(charge.Attempts).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (attemptAt > now)
            {
                return;
            }

            Attempt(charge, attemptAt);
        }
    }

    private void Attempt(Charge charge, DateTimeOffset at)
    {
        charge.Attempts++;
        var agreement = _agreements[charge.AgreementId];
        var failure = charge.ConfiguredFailure is { } configured && (charge.ConfiguredFailAttempts is null || charge.Attempts <= charge.ConfiguredFailAttempts)
            ? configured
            : agreement.PricingType == "VARIABLE" && charge.Amount > agreement.MaxAmount ? "charge_amount_too_high" : null;
        if (failure is null)
        {
            charge.Reserved = charge.Amount;
            charge.FailureReason = null;
            charge.FailureDescription = null;
            if (charge.TransactionType == "DIRECT_CAPTURE")
            {
                charge.Captured = charge.Amount;
                charge.Status = "CHARGED";
                Record(charge, at, "CAPTURE", charge.Amount, "sim-" + ids.Hex(16), true, "recurring.charge-captured.v1");
                settlements.Record(charge.Msn, charge.Id, capture: true, charge.Amount, charge.Currency, ids.PspReference(), at);
            }
            else
            {
                charge.Status = "RESERVED";
                Record(charge, at, "RESERVE", charge.Amount, "sim-" + ids.Hex(16), true, "recurring.charge-reserved.v1");
            }

            return;
        }

        charge.FailureReason = failure;
        charge.FailureDescription = failure switch
        {
            "user_action_required" => "The user's card cannot fulfil the payment; the user needs to act in the app.",
            "charge_amount_too_high" => "The user's max amount is too low for this charge.",
            "technical_error" => "Something went wrong in Recurring while performing the payment.",
            _ => "Something went wrong with charging the user.",
        };

        // A charge stays DUE while Vipps retries; it ends FAILED after the last retry day (REC-guide "Charge retries").
        var last = charge.Type != "RECURRING" || charge.Attempts > charge.RetryDays;
        if (last)
        {
            charge.Status = "FAILED";
            Record(charge, at, "FAIL", charge.Amount, "sim-" + ids.Hex(16), false, "recurring.charge-failed.v1");
        }
        else
        {
            charge.History.Add(new ChargeEventResponse(Timestamps.Format(at), "FAIL", charge.Amount, "sim-" + ids.Hex(16), false));
        }
    }

    private void Record(Charge charge, DateTimeOffset at, string historyEvent, long amount, string idempotencyKey, bool success, string webhookEvent)
    {
        charge.History.Add(new ChargeEventResponse(Timestamps.Format(at), historyEvent, amount, idempotencyKey, success));
        var agreement = _agreements[charge.AgreementId];

        // Recurring webhook payloads are not in the stored official sources (vipps-api-notes §6): best-effort shape.
        webhooks.Publish(charge.Msn, charge.AgreementId, webhookEvent, WithoutNulls(new Dictionary<string, object?>
        {
            ["agreementId"] = charge.AgreementId,
            ["agreementExternalId"] = agreement.ExternalId,
            ["chargeId"] = charge.Id,
            ["chargeExternalId"] = charge.ExternalId,
            ["chargeType"] = charge.Type,
            ["amount"] = amount,
            ["amountCaptured"] = charge.Captured,
            ["amountCanceled"] = charge.Cancelled,
            ["amountRefunded"] = charge.Refunded,
            ["currency"] = charge.Currency,
            ["eventType"] = webhookEvent,
            ["occurred"] = Timestamps.Format(at),
            ["failureReason"] = success ? null : charge.FailureReason,
            ["failureDescription"] = success ? null : charge.FailureDescription,
            ["msn"] = charge.Msn,
        }));
    }

    private void PublishAgreement(Agreement agreement, DateTimeOffset at, string eventType, string actor) =>
        webhooks.Publish(agreement.Msn, agreement.Id, eventType, WithoutNulls(new Dictionary<string, object?>
        {
            ["agreementId"] = agreement.Id,
            ["agreementUUID"] = agreement.Uuid,
            ["agreementExternalId"] = agreement.ExternalId,
            ["eventType"] = eventType,
            ["occurred"] = Timestamps.Format(at),
            ["actor"] = actor,
            ["msn"] = agreement.Msn,
        }));

    private static Dictionary<string, object> WithoutNulls(Dictionary<string, object?> values) =>
        values.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!);

    private ApiResponse? FindAgreement(string msn, string agreementId, string instance, out Agreement agreement)
    {
        if (!_agreements.TryGetValue(agreementId, out agreement!) || agreement.Msn != msn)
        {
            return Problem(404, "Not Found", $"Agreement '{agreementId}' was not found.", instance);
        }

        Refresh(agreement, clock.GetUtcNow());
        return null;
    }

    private ApiResponse? FindCharge(string msn, string? agreementId, string chargeId, string instance, out Charge charge)
    {
        if (!_charges.TryGetValue((msn, chargeId), out charge!) || (agreementId is not null && charge.AgreementId != agreementId))
        {
            return Problem(404, "Not Found", $"Charge '{chargeId}' was not found.", instance);
        }

        Process(charge, clock.GetUtcNow());
        return null;
    }

    private static AgreementResponse ToResponse(Agreement a) => new(
        a.Id,
        a.Uuid,
        a.Status,
        a.ProductName,
        a.ProductDescription,
        a.PricingType == "LEGACY"
            ? new PricingResponse("LEGACY", a.Currency, a.Amount, null, null)
            : new PricingResponse("VARIABLE", a.Currency, null, a.SuggestedMaxAmount, a.MaxAmount ?? a.SuggestedMaxAmount),
        new IntervalResponse(a.IntervalUnit, a.IntervalCount, IntervalText(a.IntervalUnit, a.IntervalCount)),
        Timestamps.Format(a.Created),
        a.Start is { } start ? Timestamps.Format(start) : null,
        a.Stop is { } stop ? Timestamps.Format(stop) : null,
        a.MerchantAgreementUrl,
        a.MerchantRedirectUrl,
        a.CountryCode,
        a.ExternalId,
        a.Sub,
        a.Sub is null ? null : $"https://api.vipps.no/vipps-userinfo-api/userinfo/{a.Sub}",
        a.ConfirmationUrl);

    private static ChargeResponse ToResponse(Charge c) => new(
        c.Amount,
        c.Currency,
        c.Description,
        Timestamps.Format(new DateTimeOffset(c.Due.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)),
        c.Id,
        c.AgreementId,
        c.ExternalId,
        null,
        c.RetryDays,
        c.Status,
        c.TransactionId,
        c.Type,
        c.TransactionType,
        c.FailureReason,
        c.FailureDescription,
        new ChargeSummaryResponse(c.Captured, c.Refunded, c.Cancelled),
        c.History.ToList());

    private static string IntervalText(string unit, int count) =>
        count == 1 ? $"every {unit.ToLowerInvariant()}" : $"every {count} {unit.ToLowerInvariant()}s";

    private string TransactionId() => ids.PspReference();

    private static bool IsWhole(decimal value) => decimal.Truncate(value) == value;

    private ApiResponse Problem(int status, string title, string detail, string instance, string? field = null) =>
        problems.Create(ApiFamily.Recurring, status, title, detail, instance, field: field);

    [GeneratedRegex(@"^[^#?/\\]{1,40}$")]
    private static partial Regex IdempotencyKey();

    [GeneratedRegex("^[a-zA-Z0-9-]{1,50}$")]
    private static partial Regex OrderId();

    [GeneratedRegex(@"^\d{10,15}$")]
    private static partial Regex PhoneNumber();
}
