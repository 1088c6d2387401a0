using System.Globalization;
using System.Text.RegularExpressions;
using PaymentOrchestrator.VippsSimulator.Accounts;
using PaymentOrchestrator.VippsSimulator.Admin;
using PaymentOrchestrator.VippsSimulator.Clock;
using PaymentOrchestrator.VippsSimulator.Infrastructure;
using PaymentOrchestrator.VippsSimulator.Report;
using PaymentOrchestrator.VippsSimulator.Userinfo;
using PaymentOrchestrator.VippsSimulator.Webhooks;

namespace PaymentOrchestrator.VippsSimulator.Epayment;

/// <summary>ePayment v1 behaviour: states, aggregate rules, error codes, idempotency (vipps-api-notes §4).</summary>
internal sealed partial class EpaymentService(
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
    private const long MaxAmount = 65_000_000;
    private readonly Dictionary<(string Msn, string Reference), Payment> _payments = [];
    private readonly HashSet<Payment> _open = [];

    /// <summary>Every payment (the caller holds the state lock).</summary>
    internal IReadOnlyList<Payment> Export() => [.. _payments.Values];

    /// <summary>Replaces every payment with <paramref name="payments"/> (at start, before any request).</summary>
    internal void Import(IEnumerable<Payment> payments)
    {
        _payments.Clear();
        _open.Clear();
        foreach (var payment in payments)
        {
            _payments[(payment.Msn, payment.Reference)] = payment;
            if (payment.State == PaymentState.CREATED)
            {
                _open.Add(payment);
            }
        }
    }

    public ApiResponse Create(Caller caller, string? idempotencyKey, string? body, string instance, string baseUrl)
    {
        if (Precheck(caller, idempotencyKey, instance, required: true) is { } refused)
        {
            return refused;
        }

        JsonBody.TryParse<CreatePaymentRequest>(body, out var parsed, out _);
        return Idempotent(caller.Msn!, idempotencyKey, "create", parsed?.Reference ?? "", body, EpaymentErrors.ReferenceExistsOrRefundConflict, instance,
            () => DoCreate(caller.SalesUnit!, idempotencyKey!, body, instance, baseUrl));
    }

    public ApiResponse Get(Caller caller, string reference, string instance)
    {
        lock (state.Gate)
        {
            if (Find(caller.Msn!, reference, instance, out var payment) is { } missing)
            {
                return missing;
            }

            return ApiResponse.Json(200, new GetPaymentResponse(
                payment.Aggregate(),
                payment.Money(payment.Value),
                payment.State.ToString(),
                new PaymentMethodResponse(payment.PaymentMethod),
                new ProfileResponse(payment.ProfileSub),
                payment.PspReference,
                payment.RedirectUrl,
                payment.Reference,
                payment.Metadata));
        }
    }

    public ApiResponse Events(Caller caller, string reference, string instance)
    {
        lock (state.Gate)
        {
            if (Find(caller.Msn!, reference, instance, out var payment) is { } missing)
            {
                return missing;
            }

            return ApiResponse.Json(200, payment.Events.ToList());
        }
    }

    public ApiResponse Capture(Caller caller, string reference, string? idempotencyKey, string? body, string instance) =>
        Precheck(caller, idempotencyKey, instance, required: true)
        ?? Idempotent(caller.Msn!, idempotencyKey, "capture", reference, body, EpaymentErrors.CaptureIdempotencyConflict, instance,
            () => DoCapture(caller.SalesUnit!, reference, idempotencyKey, body, instance));

    public ApiResponse Refund(Caller caller, string reference, string? idempotencyKey, string? body, string instance) =>
        Precheck(caller, idempotencyKey, instance, required: true)
        ?? Idempotent(caller.Msn!, idempotencyKey, "refund", reference, body, EpaymentErrors.ReferenceExistsOrRefundConflict, instance,
            () => DoRefund(caller.Msn!, reference, idempotencyKey, body, instance));

    // The 2024 spec marks Idempotency-Key required on cancel; Vipps' newer operations guide (agent-toolkit 2026) says
    // "recommended", so the simulator accepts a cancel without one (and then it is not idempotent).
    public ApiResponse Cancel(Caller caller, string reference, string? idempotencyKey, string? body, string instance) =>
        Precheck(caller, idempotencyKey, instance, required: false)
        ?? Idempotent(caller.Msn!, idempotencyKey, "cancel", reference, body, EpaymentErrors.IdempotencyKeyExists, instance,
            () => DoCancel(caller.Msn!, reference, idempotencyKey, body, instance));

    public ApiResponse ForceApprove(Caller caller, string reference, string? body, string instance)
    {
        if (settings.Mode != SimulatorMode.Test)
        {
            return Problem(400, "Approve not allowed", "Force approve is only available in the test environment.", instance, EpaymentErrors.ApproveNotAllowed);
        }

        if (!JsonBody.TryParse<ForceApproveRequest>(body, out var request, out var error))
        {
            return Problem(400, "Bad Request", error, instance);
        }

        lock (state.Gate)
        {
            if (Find(caller.Msn!, reference, instance, out var payment) is { } missing)
            {
                return missing;
            }

            var phone = request?.Customer?.PhoneNumber;
            var tokenMatches = request?.Token is { } token && token == payment.Token;
            if (!tokenMatches && (phone is null || !PhoneNumber().IsMatch(phone)))
            {
                return Problem(400, "Approve failed", "Give customer.phoneNumber (MSISDN) or the token from redirectUrl.", instance, EpaymentErrors.ApproveFailed);
            }

            if (payment.State == PaymentState.AUTHORIZED)
            {
                return Problem(400, "Payment is already reserved", "The payment has already been authorized.", instance, EpaymentErrors.AlreadyReserved);
            }

            if (payment.State != PaymentState.CREATED)
            {
                return Problem(400, "Approve failed", $"The payment is {payment.State} and can no longer be approved.", instance, EpaymentErrors.ApproveFailed);
            }

            Authorize(payment, clock.GetUtcNow(), phone ?? payment.PhoneNumber);
            return ApiResponse.Empty(200);
        }
    }

    /// <summary>Customer simulation from the admin API: approve, reject or let expire a CREATED payment.</summary>
    public (bool Found, string? Conflict) Act(string msn, string reference, CustomerAction action, string? phoneNumber)
    {
        lock (state.Gate)
        {
            if (!_payments.TryGetValue((msn, reference), out var payment))
            {
                return (false, null);
            }

            var now = clock.GetUtcNow();
            Refresh(payment, now);
            if (payment.State != PaymentState.CREATED)
            {
                return (true, $"The payment is {payment.State}; only a CREATED payment can be acted on.");
            }

            switch (action)
            {
                case CustomerAction.Approve:
                    Authorize(payment, now, phoneNumber ?? payment.PhoneNumber);
                    break;
                case CustomerAction.Reject:
                    Close(payment, PaymentState.ABORTED, now);
                    break;
                case CustomerAction.Decline when payment.ProfileScope is null:
                    return (true, "The payment asks for no profile details; there is nothing to decline.");
                case CustomerAction.Decline:
                    // The consent screen comes before the payment screen: without sharing, the customer cannot pay.
                    Close(payment, PaymentState.ABORTED, now);
                    break;
                default:
                    Close(payment, PaymentState.EXPIRED, now);
                    break;
            }

            return (true, null);
        }
    }

    /// <summary>The payment a landing-page token belongs to: (msn, reference, amount text, state, returnUrl, profile scope).</summary>
    public (string Msn, string Reference, string Amount, string State, string? ReturnUrl, string? ProfileScope)? FindByToken(string token)
    {
        lock (state.Gate)
        {
            var payment = _payments.Values.FirstOrDefault(p => p.Token == token);
            if (payment is null)
            {
                return null;
            }

            Refresh(payment, clock.GetUtcNow());
            var amount = (payment.Value / 100m).ToString("0.00", CultureInfo.InvariantCulture) + " " + payment.Currency;
            return (payment.Msn, payment.Reference, amount, payment.State.ToString(), payment.ReturnUrl, payment.ProfileScope);
        }
    }

    /// <summary>Runs expiry and auto-approve for every open payment up to the simulator clock's now.</summary>
    public void Sweep()
    {
        lock (state.Gate)
        {
            var now = clock.GetUtcNow();
            foreach (var payment in _open.ToList())
            {
                Refresh(payment, now);
            }
        }
    }

    private ApiResponse? Precheck(Caller caller, string? idempotencyKey, string instance, bool required)
    {
        if (!caller.MayMoveMoney)
        {
            return Problem(403, "Forbidden", $"{caller.KeySet.Type} keys cannot create, capture, refund or cancel payments.", instance);
        }

        if (idempotencyKey is null)
        {
            return required ? Problem(400, "Bad Request", "The Idempotency-Key header is required.", instance, field: "Idempotency-Key") : null;
        }

        return idempotencyKey.Length is 0 or > 50
            ? Problem(400, "Bad Request", "The Idempotency-Key header must be 1 to 50 characters.", instance, field: "Idempotency-Key")
            : null;
    }

    private ApiResponse Idempotent(string msn, string? key, string operation, string target, string? body, string conflictCode, string instance, Func<ApiResponse> execute)
    {
        lock (state.Gate)
        {
            if (key is null)
            {
                return execute();
            }

            var scope = "epayment/" + msn;
            var (outcome, stored) = idempotency.Check(scope, key, operation, target, body);
            switch (outcome)
            {
                case IdempotencyOutcome.Replay:
                    counters.Replayed();
                    return stored!;
                case IdempotencyOutcome.BodyConflict:
                    return Problem(409, "Idempotency conflict", $"Idempotency-Key '{key}' was used with a different request body.", instance, conflictCode);
                case IdempotencyOutcome.KeyReused:
                    return Problem(409, "Idempotency error", $"Idempotency-Key '{key}' already exists for another operation.", instance, EpaymentErrors.IdempotencyKeyExists);
            }

            var response = execute();
            if (response.Status < 500)
            {
                idempotency.Store(scope, key, operation, target, body, response);
            }

            return response;
        }
    }

    private ApiResponse DoCreate(SalesUnit unit, string idempotencyKey, string? body, string instance, string baseUrl)
    {
        if (!JsonBody.TryParse<CreatePaymentRequest>(body, out var request, out var parseError))
        {
            return Problem(400, "Bad Request", parseError, instance);
        }

        if (request is null)
        {
            return Problem(400, "Bad Request", "A CreatePaymentRequest body is required.", instance);
        }

        var now = clock.GetUtcNow();
        if (ValidateCreate(request, unit, now, instance, out var amount, out var expiresAt) is { } invalid)
        {
            return invalid;
        }

        var reference = request.Reference!;
        if (_payments.ContainsKey((unit.Msn, reference)))
        {
            return Problem(409, "Reference already exists", $"Reference '{reference}' already exists for this sales unit.", instance, EpaymentErrors.ReferenceExistsOrRefundConflict);
        }

        var token = ids.Alnum(40);
        var userFlow = request.UserFlow!;
        var redirectUrl = userFlow switch
        {
            "PUSH_MESSAGE" => null,
            "QR" => $"{baseUrl}simulator/qr?token={token}",
            _ => $"{baseUrl}simulator/landing?token={token}",
        };
        var payment = new Payment
        {
            Msn = unit.Msn,
            Reference = reference,
            Currency = request.Amount!.Currency!,
            Value = amount,
            PaymentMethod = request.PaymentMethod!.Type!,
            UserFlow = userFlow,
            PspReference = ids.PspReference(),
            Token = token,
            CreatedAt = now,
            ExpiresAt = expiresAt ?? now + settings.PaymentExpiry,
            AutoApproveAt = settings.AutoApproveAfter is { } delay ? now + delay : null,
            DirectCapture = unit.CaptureType == SalesUnitDefinition.DirectCapture,
            RedirectUrl = redirectUrl,
            ReturnUrl = request.ReturnUrl,
            PhoneNumber = request.Customer?.PhoneNumber,
            ProfileScope = request.Profile?.Scope,
            Metadata = request.Metadata,
        };
        _payments[(unit.Msn, reference)] = payment;
        _open.Add(payment);
        AddEvent(payment, "CREATED", amount, now, idempotencyKey, payment.PspReference);
        return ApiResponse.Json(201, new CreatePaymentResponse(redirectUrl, reference));
    }

    private ApiResponse? ValidateCreate(CreatePaymentRequest request, SalesUnit unit, DateTimeOffset now, string instance, out long amount, out DateTimeOffset? expiresAt)
    {
        amount = 0;
        expiresAt = null;
        if (ValidateAmount(request.Amount, "amount", instance, out amount) is { } badAmount)
        {
            return badAmount;
        }

        // The 2024 spec allows 8–50 characters; Vipps' 2026 docs allow 8–64 (vipps-api-notes §4). Newer value used.
        if (request.Reference is null || !Reference().IsMatch(request.Reference))
        {
            return Problem(400, "Bad Request", "reference must match ^[a-zA-Z0-9-]{8,64}$.", instance, field: "reference");
        }

        if (request.PaymentMethod?.Type is not ("WALLET" or "CARD"))
        {
            return Problem(400, "Bad Request", "paymentMethod.type must be WALLET or CARD.", instance, field: "paymentMethod.type");
        }

        if (request.UserFlow is not ("PUSH_MESSAGE" or "NATIVE_REDIRECT" or "WEB_REDIRECT" or "QR"))
        {
            return Problem(400, "Bad Request", "userFlow must be PUSH_MESSAGE, NATIVE_REDIRECT, WEB_REDIRECT or QR.", instance, field: "userFlow");
        }

        if (request.CustomerInteraction is not (null or "CUSTOMER_PRESENT" or "CUSTOMER_NOT_PRESENT"))
        {
            return Problem(400, "Bad Request", "customerInteraction must be CUSTOMER_PRESENT or CUSTOMER_NOT_PRESENT.", instance, field: "customerInteraction");
        }

        if (request.Customer is { } customer)
        {
            var given = new[] { customer.PhoneNumber, customer.PersonalQr, customer.CustomerToken }.Count(v => v is not null);
            if (given != 1)
            {
                return Problem(400, "Bad Request", "customer must have exactly one of phoneNumber, personalQr or customerToken.", instance, field: "customer");
            }

            if (customer.PhoneNumber is { } phone && !PhoneNumber().IsMatch(phone))
            {
                return Problem(400, "Invalid phone number", "customer.phoneNumber must be an MSISDN: country code and number, digits only.", instance, EpaymentErrors.InvalidPhoneNumber);
            }
        }

        if (request.UserFlow == "WEB_REDIRECT" && string.IsNullOrEmpty(request.ReturnUrl))
        {
            return Problem(400, "Missing required parameter", "returnUrl is required when userFlow is WEB_REDIRECT.", instance, EpaymentErrors.MissingRequiredParameter);
        }

        if (request.ReturnUrl is { } returnUrl && !UrlRules.IsAllowedReturnUrl(returnUrl))
        {
            return Problem(400, "Invalid URL", "returnUrl must be an absolute https:// URL or a custom scheme.", instance, EpaymentErrors.InvalidUrl);
        }

        if (request.UserFlow == "PUSH_MESSAGE")
        {
            if (request.Customer is null)
            {
                return Problem(400, "Missing required parameter", "customer is required when userFlow is PUSH_MESSAGE.", instance, EpaymentErrors.MissingRequiredParameter);
            }

            if (!unit.PushMessageAllowed)
            {
                return Problem(400, "PUSH_MESSAGE not allowed", "The sales unit is not approved to skip the landing page.", instance, EpaymentErrors.PushMessageNotAllowed);
            }
        }

        if (request.PaymentMethod.Type == "CARD" && request.UserFlow != "WEB_REDIRECT")
        {
            return Problem(400, "Bad Request", "paymentMethod CARD requires userFlow WEB_REDIRECT.", instance, field: "paymentMethod.type");
        }

        if (request.PaymentMethod.Type == "CARD" && settings.Mode == SimulatorMode.Test)
        {
            return Problem(400, "Payment cannot be created", "paymentMethod CARD is not available in the test environment.", instance, EpaymentErrors.PaymentCannotBeCreated);
        }

        if (request.PaymentDescription is { Length: < 3 or > 100 })
        {
            return Problem(400, "Bad Request", "paymentDescription must be 3 to 100 characters.", instance, field: "paymentDescription");
        }

        if (request.Metadata is { } metadata)
        {
            if (metadata.Count > 5)
            {
                return Problem(400, "Metadata capacity exceeded", "metadata holds at most 5 pairs.", instance, EpaymentErrors.MetadataCapacityExceeded);
            }

            if (metadata.Keys.Any(k => k.Length > 100))
            {
                return Problem(400, "Metadata key length exceeded", "metadata keys are at most 100 characters.", instance, EpaymentErrors.MetadataKeyTooLong);
            }

            if (metadata.Values.Any(v => v is { Length: > 500 }))
            {
                return Problem(400, "Metadata value length exceeded", "metadata values are at most 500 characters.", instance, EpaymentErrors.MetadataValueTooLong);
            }
        }

        if (request.Amount!.Currency != unit.Currency)
        {
            return Problem(400, "Invalid currency for merchant", $"The sales unit's market uses {unit.Currency}, not {request.Amount.Currency}.", instance, EpaymentErrors.InvalidCurrencyForMerchant);
        }

        if (request.ExpiresAt is { } expiresText)
        {
            if (!DateTimeOffset.TryParse(expiresText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expires))
            {
                return Problem(400, "Bad Request", "expiresAt must be an RFC 3339 timestamp.", instance, field: "expiresAt");
            }

            if (request.UserFlow is not ("PUSH_MESSAGE" or "QR"))
            {
                return Problem(400, "Bad Request", "expiresAt can only be combined with userFlow PUSH_MESSAGE or QR.", instance, field: "expiresAt");
            }

            if (!unit.LongLivingPaymentsAllowed)
            {
                return Problem(400, "Long-living payment not allowed", "The sales unit is not approved for expiresAt.", instance, EpaymentErrors.LongLivingNotAllowed);
            }

            if (request.Receipt is null)
            {
                return Problem(400, "Long living payments require a receipt", "Send receipt together with expiresAt.", instance, EpaymentErrors.LongLivingNeedsReceipt);
            }

            if (expires < now + TimeSpan.FromMinutes(10))
            {
                return Problem(400, "Expiration date is too soon", "expiresAt must be at least 10 minutes ahead.", instance, EpaymentErrors.ExpirationTooSoon);
            }

            // The 2024 spec says at most 28 days; Vipps' newer sources say 60 days (vipps-api-notes §4). Newer value used.
            if (expires > now + TimeSpan.FromDays(60))
            {
                return Problem(400, "Expiration date is too late", "expiresAt is at most 60 days ahead.", instance, EpaymentErrors.ExpirationTooLate);
            }

            expiresAt = expires;
        }

        return null;
    }

    private ApiResponse? ValidateAmount(AmountDto? amount, string field, string instance, out long value)
    {
        value = 0;
        if (amount?.Currency is not ("NOK" or "DKK" or "EUR"))
        {
            return Problem(400, "Bad Request", $"{field}.currency must be NOK, DKK or EUR.", instance, field: field + ".currency");
        }

        if (amount.Value is not { } raw)
        {
            return Problem(400, "Bad Request", $"{field}.value is required.", instance, field: field + ".value");
        }

        if (decimal.Truncate(raw) != raw || raw < 0 || raw > MaxAmount)
        {
            return Problem(400, "Invalid amount", $"{field}.value must be a whole number of minor units between 0 and 65000000.", instance, EpaymentErrors.InvalidAmount);
        }

        value = (long)raw;
        var minimum = amount.Currency == "NOK" ? 100 : 1;
        if (value < minimum)
        {
            return Problem(400, "Amount too small", $"The minimum amount in {amount.Currency} is {minimum} minor units.", instance, EpaymentErrors.AmountTooSmall);
        }

        return null;
    }

    private ApiResponse DoCapture(SalesUnit unit, string reference, string? key, string? body, string instance)
    {
        if (ParseModification(body, instance, out var request) is { } badBody)
        {
            return badBody;
        }

        if (Find(unit.Msn, reference, instance, out var payment) is { } missing)
        {
            return missing;
        }

        if (CheckModificationAmount(request!, payment, instance, out var amount) is { } badAmount)
        {
            return badAmount;
        }

        var now = clock.GetUtcNow();
        switch (payment.State)
        {
            case PaymentState.CREATED:
                return Problem(400, "Cannot capture before reservation", "The customer has not approved the payment.", instance, EpaymentErrors.CaptureBeforeReservation);
            case not PaymentState.AUTHORIZED:
                return Problem(400, "Payment cannot be captured", $"The payment is {payment.State}.", instance, EpaymentErrors.CannotBeCaptured);
        }

        if (payment.Cancelled > 0)
        {
            return Problem(400, "Cannot capture a cancelled payment", "The remaining reservation was cancelled.", instance, EpaymentErrors.CannotCaptureCancelled);
        }

        if (now > payment.AuthorizedAt + unit.CaptureWindow)
        {
            return Problem(400, "Capture period expired", "The reservation is gone; the money cannot be collected.", instance, EpaymentErrors.CapturePeriodExpired);
        }

        if (amount > payment.Capturable)
        {
            return Problem(400, "Capture amount too high", $"At most {payment.Capturable} can be captured.", instance, EpaymentErrors.CaptureAmountTooHigh);
        }

        if (!unit.AllowPartialCapture && amount != payment.Capturable)
        {
            return Problem(400, "Must capture full amount", "Partial capture is not allowed for this sales unit.", instance, EpaymentErrors.MustCaptureFullAmount);
        }

        payment.Captured += amount;
        counters.Captured($"{payment.Msn}/{payment.Reference}");
        var psp = AddEvent(payment, "CAPTURED", amount, now, key);
        settlements.Record(payment.Msn, payment.Reference, capture: true, amount, payment.Currency, psp, now);
        return Modified(payment, psp);
    }

    private ApiResponse DoRefund(string msn, string reference, string? key, string? body, string instance)
    {
        if (ParseModification(body, instance, out var request) is { } badBody)
        {
            return badBody;
        }

        if (Find(msn, reference, instance, out var payment) is { } missing)
        {
            return missing;
        }

        if (CheckModificationAmount(request!, payment, instance, out var amount) is { } badAmount)
        {
            return badAmount;
        }

        var now = clock.GetUtcNow();
        if (payment.State == PaymentState.CREATED)
        {
            return Problem(400, "Attempted refund before reservation", "The customer has not approved the payment.", instance, EpaymentErrors.RefundBeforeReservation);
        }

        if (payment.State != PaymentState.AUTHORIZED || payment.Captured == 0)
        {
            return Problem(400, "Payment cannot be refunded", "Nothing has been captured.", instance, EpaymentErrors.CannotBeRefunded);
        }

        if (now > payment.AuthorizedAt + TimeSpan.FromDays(365))
        {
            return Problem(400, "Refund period expired", "Refund is possible within 365 days of the reservation.", instance, EpaymentErrors.RefundPeriodExpired);
        }

        if (amount > payment.Captured - payment.Refunded)
        {
            return Problem(400, "Not enough refundable", $"At most {payment.Captured - payment.Refunded} can be refunded.", instance, EpaymentErrors.NotEnoughRefundable);
        }

        payment.Refunded += amount;
        counters.Refunded($"{payment.Msn}/{payment.Reference}");
        var psp = AddEvent(payment, "REFUNDED", amount, now, key);
        settlements.Record(payment.Msn, payment.Reference, capture: false, amount, payment.Currency, psp, now);
        return Modified(payment, psp);
    }

    private ApiResponse DoCancel(string msn, string reference, string? key, string? body, string instance)
    {
        if (!JsonBody.TryParse<CancelRequest>(body, out var request, out var parseError))
        {
            return Problem(400, "Bad Request", parseError, instance);
        }

        if (Find(msn, reference, instance, out var payment) is { } missing)
        {
            return missing;
        }

        var now = clock.GetUtcNow();
        if (payment.State == PaymentState.CREATED)
        {
            payment.State = PaymentState.TERMINATED;
            _open.Remove(payment);
            counters.Cancelled($"{payment.Msn}/{payment.Reference}");
            return Modified(payment, AddEvent(payment, "TERMINATED", payment.Value, now, key));
        }

        if (payment.State != PaymentState.AUTHORIZED)
        {
            return Problem(400, "Payment cannot be cancelled", $"The payment is {payment.State}.", instance, EpaymentErrors.CannotBeCancelled);
        }

        if (request?.CancelTransactionOnly == true)
        {
            return Problem(400, "Cannot cancel authorized payment", "cancelTransactionOnly was set and the customer has authorized.", instance, EpaymentErrors.CannotCancelAuthorized);
        }

        if (payment.Captured == payment.Authorized)
        {
            return Problem(400, "Cannot cancel a captured payment", "The payment is fully captured; refund it instead.", instance, EpaymentErrors.CannotCancelCaptured);
        }

        if (payment.Capturable == 0)
        {
            return Problem(400, "Payment cannot be cancelled", "Nothing is left to cancel.", instance, EpaymentErrors.CannotBeCancelled);
        }

        if (now > payment.AuthorizedAt + TimeSpan.FromDays(180))
        {
            return Problem(400, "Cancel period expired", "Cancel is possible within 180 days of the reservation.", instance, EpaymentErrors.CancelPeriodExpired);
        }

        var released = payment.Capturable;
        payment.Cancelled += released;
        counters.Cancelled($"{payment.Msn}/{payment.Reference}");
        return Modified(payment, AddEvent(payment, "CANCELLED", released, now, key));
    }

    private ApiResponse? ParseModification(string? body, string instance, out ModificationRequest? request)
    {
        if (!JsonBody.TryParse(body, out request, out var parseError))
        {
            return Problem(400, "Bad Request", parseError, instance);
        }

        return request?.ModificationAmount is null
            ? Problem(400, "Bad Request", "modificationAmount is required.", instance, field: "modificationAmount")
            : null;
    }

    private ApiResponse? CheckModificationAmount(ModificationRequest request, Payment payment, string instance, out long amount)
    {
        amount = 0;
        var dto = request.ModificationAmount!;
        if (dto.Currency is not ("NOK" or "DKK" or "EUR"))
        {
            return Problem(400, "Bad Request", "modificationAmount.currency must be NOK, DKK or EUR.", instance, field: "modificationAmount.currency");
        }

        if (dto.Value is not { } raw || decimal.Truncate(raw) != raw || raw <= 0 || raw > MaxAmount)
        {
            return Problem(400, "Invalid amount", "modificationAmount.value must be a positive whole number of minor units.", instance, EpaymentErrors.InvalidAmount);
        }

        if (dto.Currency != payment.Currency)
        {
            return Problem(400, "Invalid amount", $"The payment is in {payment.Currency}, not {dto.Currency}.", instance, EpaymentErrors.InvalidAmount);
        }

        amount = (long)raw;
        return null;
    }

    private ApiResponse? Find(string msn, string reference, string instance, out Payment payment)
    {
        if (!_payments.TryGetValue((msn, reference), out payment!))
        {
            return Problem(404, "Reference not found", $"No payment with reference '{reference}' for this sales unit.", instance, EpaymentErrors.ReferenceNotFound);
        }

        Refresh(payment, clock.GetUtcNow());
        return null;
    }

    private void Refresh(Payment payment, DateTimeOffset now)
    {
        if (payment.State != PaymentState.CREATED)
        {
            return;
        }

        if (payment.AutoApproveAt is { } approveAt && approveAt <= now && approveAt < payment.ExpiresAt)
        {
            Authorize(payment, approveAt, payment.PhoneNumber);
        }
        else if (now >= payment.ExpiresAt)
        {
            Close(payment, PaymentState.EXPIRED, payment.ExpiresAt);
        }
    }

    private void Authorize(Payment payment, DateTimeOffset at, string? phoneNumber)
    {
        payment.State = PaymentState.AUTHORIZED;
        payment.AuthorizedAt = at;
        payment.PhoneNumber = phoneNumber;
        if (payment.ProfileScope is not null)
        {
            // Approving means the customer shared the details first (the consent screen precedes the payment screen).
            payment.ProfileSub = consents.Grant(payment.Msn, payment.ProfileScope, at);
        }

        _open.Remove(payment);
        AddEvent(payment, "AUTHORIZED", payment.Value, at, null);
        if (payment.DirectCapture)
        {
            // Vipps: "When direct capture is configured for a sales unit, all payment reservations will instantly be
            // captured, without the need for a separate capture request" (knowledge base, Reserve and capture,
            // https://developer.vippsmobilepay.com/docs/knowledge-base/reserve-and-capture/). The same page says direct
            // capture is an eCom feature "not available in the newer ePayment API", so what ePayment shows for such a
            // unit is undocumented; we model the instant capture: the state stays AUTHORIZED, the aggregate's
            // capturedAmount is the authorized amount, the event log and the webhooks have AUTHORIZED then CAPTURED.
            payment.Captured = payment.Value;
            counters.Captured($"{payment.Msn}/{payment.Reference}");
            var psp = AddEvent(payment, "CAPTURED", payment.Value, at, null);
            settlements.Record(payment.Msn, payment.Reference, capture: true, payment.Value, payment.Currency, psp, at);
        }
    }

    private void Close(Payment payment, PaymentState final, DateTimeOffset at)
    {
        payment.State = final;
        _open.Remove(payment);
        AddEvent(payment, final.ToString(), payment.Value, at, null);
    }

    private string AddEvent(Payment payment, string name, long amount, DateTimeOffset at, string? idempotencyKey, string? pspReference = null)
    {
        var psp = pspReference ?? ids.PspReference();
        var timestamp = Timestamps.Format(at);
        payment.Events.Add(new PaymentEventResponse(payment.Reference, psp, name, payment.Money(amount), timestamp, idempotencyKey, true));
        webhooks.Publish(payment.Msn, payment.Reference, $"epayments.payment.{name.ToLowerInvariant()}.v1",
            new PaymentWebhookEvent(payment.Msn, payment.Reference, psp, name, payment.Money(amount), timestamp, idempotencyKey, true));
        return psp;
    }

    private static ApiResponse Modified(Payment payment, string pspReference) =>
        ApiResponse.Json(200, new ModificationResponse(payment.Money(payment.Value), payment.State.ToString(), payment.Aggregate(), pspReference, payment.Reference));

    private ApiResponse Problem(int status, string title, string detail, string instance, string? code = null, string? field = null) =>
        problems.Create(ApiFamily.Epayment, status, title, detail, instance, code, field);

    [GeneratedRegex("^[a-zA-Z0-9-]{8,64}$")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^\d{10,15}$")]
    private static partial Regex PhoneNumber();
}
