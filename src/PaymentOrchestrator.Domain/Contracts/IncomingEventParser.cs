using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Contracts;

/// <summary>
/// Turns the bytes of a queue message or HTTP body into a typed <see cref="IncomingEvent"/> or a precise rejection:
/// size, JSON syntax, CloudEvents envelope, known type, field types and patterns (as the JSON Schemas in
/// <c>schemas/</c> say), then the rules that need no I/O. Pure; no exception escapes. Checks that need the sales-unit
/// registry (MSN registered, active, bound to <c>source</c>; currency vs market) belong to the intake.
/// </summary>
public static partial class IncomingEventParser
{
    private const string Data = "data";

    public static ParseResult Parse(ReadOnlySpan<byte> json, int maxBytes) => Parse(json, maxBytes, IncomingEventRules.Default);

    public static ParseResult Parse(ReadOnlySpan<byte> json, int maxBytes, IncomingEventRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (json.Length > maxBytes)
        {
            return new Rejected(RejectionCode.TooLarge, $"The message is {json.Length} bytes; the limit is {maxBytes}.");
        }

        if (json.IsEmpty)
        {
            return new Rejected(RejectionCode.MalformedJson, "The message is empty.");
        }

        if (!StrictJson.TryParse(json.ToArray(), out var document, out var refusal))
        {
            return refusal;
        }

        using (document)
        {
            try
            {
                return ParseDocument(document.RootElement, rules);
            }
#pragma warning disable CA1031 // The contract is that nothing escapes: an unforeseen failure becomes a rejection, not a lost message.
            catch (Exception e)
#pragma warning restore CA1031
            {
                return new Rejected(RejectionCode.MalformedJson, $"The message could not be read: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    private static ParseResult ParseDocument(JsonElement root, IncomingEventRules rules)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new Rejected(RejectionCode.NotAnObject, $"A CloudEvent must be a JSON object, got {JsonFieldReader.Describe(root)}.");
        }

        var r = new JsonFieldReader();
        const string env = "$";
        var specVersion = r.String(root, env, "specversion", true, 1, 16);
        if (specVersion is not null && specVersion != "1.0")
        {
            return new Rejected(RejectionCode.UnsupportedSpecVersion, $"$.specversion must be \"1.0\", got \"{specVersion}\".");
        }

        var id = r.String(root, env, "id", true, 1, 256);
        var source = r.String(root, env, "source", true, 1, 256);
        var type = r.String(root, env, "type", true, 1, 128);
        if (type is not null && !IncomingEventTypes.All.Contains(type))
        {
            r.Fail(RejectionCode.UnknownType, $"$.type '{type}' is not an accepted event type (accepted: {string.Join(", ", IncomingEventTypes.All.Order(StringComparer.Ordinal))}).");
        }

        var subject = r.String(root, env, "subject", false, 1, 256);
        var timeText = r.String(root, env, "time", true, 20, 40, TimePattern());
        DateTimeOffset time = default;
        if (timeText is not null && !DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
        {
            r.Fail(RejectionCode.InvalidValue, $"$.time must be an RFC 3339 timestamp, got '{timeText}'.");
        }

        _ = r.Enum(root, env, "datacontenttype", false, ("application/json", 0));
        var data = r.Object(root, env, Data, true);
        if (r.Error is { } envelopeError)
        {
            return envelopeError;
        }

        var envelope = new CloudEventEnvelope(id!, source!, type!, subject, time, "application/json");
        IncomingData? parsed = type switch
        {
            IncomingEventTypes.PaymentRequested => PaymentRequested(r, data!.Value),
            IncomingEventTypes.PaymentCaptureRequested => PaymentCaptureRequested(r, data!.Value),
            IncomingEventTypes.PaymentCancelRequested => PaymentCancelRequested(r, data!.Value),
            IncomingEventTypes.PaymentRefundRequested => PaymentRefundRequested(r, data!.Value),
            IncomingEventTypes.AgreementRequested => AgreementRequested(r, data!.Value, rules),
            IncomingEventTypes.AgreementStopRequested => AgreementStopRequested(r, data!.Value),
            IncomingEventTypes.ChargeRequested => ChargeRequested(r, data!.Value, time, rules),
            IncomingEventTypes.ChargeCaptureRequested => ChargeCaptureRequested(r, data!.Value),
            IncomingEventTypes.ChargeRefundRequested => ChargeRefundRequested(r, data!.Value),
            IncomingEventTypes.ChargeCancelRequested => ChargeCancelRequested(r, data!.Value),
            _ => null,
        };

        if (r.Error is { } dataError)
        {
            return dataError;
        }

        if (parsed is null)
        {
            return new Rejected(RejectionCode.UnknownType, $"$.type '{type}' is not an accepted event type.");
        }

        // The subject is free text, but one that starts with another sales unit than data.msn contradicts the event:
        // a reader of the subject (a log, a dead-letter view) would attribute it to the wrong merchant.
        if (subject is not null && subject.Split('/', 2)[0] is var named && MsnPattern().IsMatch(named) && named != parsed.SagaKey.Msn.Value)
        {
            return new Rejected(RejectionCode.InvalidValue,
                $"$.subject names sales unit {named}, but data.msn is {parsed.SagaKey.Msn.Value}; send the event's own sales unit in both (or no subject).");
        }

        return new Parsed(new IncomingEvent(envelope, parsed));
    }

    private static Msn? ReadMsn(JsonFieldReader r, JsonElement data) =>
        r.Value(Data, "msn", r.String(data, Data, "msn", true, 4, 6, MsnPattern()), Msn.Create);

    private static PaymentReference? ReadReference(JsonFieldReader r, JsonElement data) =>
        r.Value(Data, "reference", r.String(data, Data, "reference", true, 8, 50, ReferencePattern()), PaymentReference.Create);

    private static ChargeId? ReadChargeId(JsonFieldReader r, JsonElement data) =>
        r.Value(Data, "chargeId", r.String(data, Data, "chargeId", true, 1, 50, IdPattern()), ChargeId.Create);

    private static SubscriptionId? ReadSubscriptionId(JsonFieldReader r, JsonElement data, bool required) =>
        r.Value(Data, "subscriptionId", r.String(data, Data, "subscriptionId", required, 1, 50, IdPattern()), SubscriptionId.Create);

    private static string? ReadUrl(JsonFieldReader r, JsonElement obj, string path, string name, bool required) =>
        r.String(obj, path, name, required, 10, 2048, UrlPattern());

    private static string? ReadPhone(JsonFieldReader r, JsonElement data) =>
        r.String(data, Data, "customerPhoneNumber", false, 8, 15, PhonePattern(), personal: true);

    private static PaymentRequested? PaymentRequested(JsonFieldReader r, JsonElement data)
    {
        var msn = ReadMsn(r, data);
        var reference = ReadReference(r, data);
        var amount = r.Money(data, Data, "amount", true, 0);
        var userFlow = r.Enum(
            data,
            Data,
            "userFlow",
            true,
            ("WEB_REDIRECT", UserFlow.WebRedirect),
            ("PUSH_MESSAGE", UserFlow.PushMessage),
            ("NATIVE_REDIRECT", UserFlow.NativeRedirect),
            ("QR", UserFlow.Qr));
        var returnUrl = ReadUrl(r, data, Data, "returnUrl", false);
        var phone = ReadPhone(r, data);
        var description = r.String(data, Data, "paymentDescription", false, 1, 100);
        var method = r.Enum(data, Data, "paymentMethod", false, ("WALLET", PaymentMethodType.Wallet), ("CARD", PaymentMethodType.Card));
        var scope = r.ProfileScope(data, Data, "profileScope");
        r.OnlyKnown(data, Data, "msn", "reference", "amount", "userFlow", "returnUrl", "customerPhoneNumber", "paymentDescription", "paymentMethod", "profileScope");
        if (r.Failed)
        {
            return null;
        }

        var minimum = amount!.Value.Currency.MinimumPaymentMinorUnits();
        if (amount.Value.MinorUnits < minimum)
        {
            r.Fail(RejectionCode.BusinessRule, $"data.amount.value must be at least {minimum} for {amount.Value.Currency}, got {amount.Value.MinorUnits}.");
        }
        else if (userFlow is UserFlow.WebRedirect or UserFlow.NativeRedirect && returnUrl is null)
        {
            r.Fail(RejectionCode.BusinessRule, $"data.returnUrl is required when data.userFlow is {userFlow.Value.ToWire()}.");
        }
        else if (userFlow == UserFlow.PushMessage && phone is null)
        {
            r.Fail(RejectionCode.BusinessRule, "data.customerPhoneNumber is required when data.userFlow is PUSH_MESSAGE.");
        }

        return r.Failed
            ? null
            : new PaymentRequested(msn!.Value, reference!.Value, amount.Value, userFlow!.Value, returnUrl, phone, description, method ?? PaymentMethodType.Wallet, scope);
    }

    private static PaymentCaptureRequested? PaymentCaptureRequested(JsonFieldReader r, JsonElement data)
    {
        var msn = ReadMsn(r, data);
        var reference = ReadReference(r, data);
        var captureId = r.String(data, Data, "captureId", true, 1, 64, OperationIdPattern());
        var amount = r.Money(data, Data, "amount", true, 1);
        r.OnlyKnown(data, Data, "msn", "reference", "captureId", "amount");
        return r.Failed ? null : new PaymentCaptureRequested(msn!.Value, reference!.Value, captureId!, amount!.Value);
    }

    private static PaymentCancelRequested? PaymentCancelRequested(JsonFieldReader r, JsonElement data)
    {
        var msn = ReadMsn(r, data);
        var reference = ReadReference(r, data);
        r.OnlyKnown(data, Data, "msn", "reference");
        return r.Failed ? null : new PaymentCancelRequested(msn!.Value, reference!.Value);
    }

    private static PaymentRefundRequested? PaymentRefundRequested(JsonFieldReader r, JsonElement data)
    {
        var msn = ReadMsn(r, data);
        var reference = ReadReference(r, data);
        var refundId = r.String(data, Data, "refundId", true, 1, 64, OperationIdPattern());
        var amount = r.Money(data, Data, "amount", true, 1);
        var reason = r.String(data, Data, "reason", true, 1, 200);
        var requestedBy = r.String(data, Data, "requestedBy", true, 1, 100);
        r.OnlyKnown(data, Data, "msn", "reference", "refundId", "amount", "reason", "requestedBy");
        return r.Failed ? null : new PaymentRefundRequested(msn!.Value, reference!.Value, refundId!, amount!.Value, reason!, requestedBy!);
    }

    private static AgreementRequested? AgreementRequested(JsonFieldReader r, JsonElement data, IncomingEventRules rules)
    {
        var msn = ReadMsn(r, data);
        var subscriptionId = ReadSubscriptionId(r, data, true);
        AgreementPricing? pricing = null;
        if (r.Object(data, Data, "pricing", true) is { } pricingElement)
        {
            const string path = "data.pricing";
            var type = r.Enum(pricingElement, path, "type", true, ("LEGACY", PricingType.Legacy), ("VARIABLE", PricingType.Variable));
            var currency = r.Enum(pricingElement, path, "currency", true, ("NOK", Currency.NOK), ("DKK", Currency.DKK), ("EUR", Currency.EUR));
            var amount = r.Integer(pricingElement, path, "amount", false, 100, Money.MaxMinorUnits);
            var suggested = r.Integer(pricingElement, path, "suggestedMaxAmount", false, 100, Money.MaxMinorUnits);
            r.OnlyKnown(pricingElement, path, "type", "currency", "amount", "suggestedMaxAmount");
            if (!r.Failed)
            {
                pricing = new AgreementPricing(type!.Value, currency!.Value, amount, suggested);
            }
        }

        AgreementInterval? interval = null;
        if (r.Object(data, Data, "interval", true) is { } intervalElement)
        {
            const string path = "data.interval";
            var unit = r.Enum(
                intervalElement,
                path,
                "unit",
                true,
                ("DAY", IntervalUnit.Day),
                ("WEEK", IntervalUnit.Week),
                ("MONTH", IntervalUnit.Month),
                ("YEAR", IntervalUnit.Year));
            var count = r.Integer(intervalElement, path, "count", true, 1, 31);
            r.OnlyKnown(intervalElement, path, "unit", "count");
            if (!r.Failed)
            {
                interval = new AgreementInterval(unit!.Value, (int)count!.Value);
            }
        }

        var productName = r.String(data, Data, "productName", true, 1, 45);
        var productDescription = r.String(data, Data, "productDescription", false, 1, 100);
        var agreementUrl = ReadUrl(r, data, Data, "merchantAgreementUrl", true);
        var redirectUrl = ReadUrl(r, data, Data, "merchantRedirectUrl", true);
        var phone = ReadPhone(r, data);
        var scope = r.ProfileScope(data, Data, "profileScope");
        InitialCharge? initialCharge = null;
        if (r.Object(data, Data, "initialCharge", false) is { } chargeElement)
        {
            const string path = "data.initialCharge";
            var amount = r.Money(chargeElement, path, "amount", true, 100);
            var description = r.String(chargeElement, path, "description", true, 1, 45);
            var transactionType = ReadTransactionType(r, chargeElement, path);
            r.OnlyKnown(chargeElement, path, "amount", "description", "transactionType");
            if (!r.Failed)
            {
                initialCharge = new InitialCharge(amount!.Value, description!, transactionType!.Value);
            }
        }

        r.OnlyKnown(
            data,
            Data,
            "msn",
            "subscriptionId",
            "pricing",
            "interval",
            "productName",
            "productDescription",
            "merchantAgreementUrl",
            "merchantRedirectUrl",
            "customerPhoneNumber",
            "initialCharge",
            "profileScope");
        if (r.Failed)
        {
            return null;
        }

        if (pricing!.Type == PricingType.Legacy && (pricing.Amount is null || pricing.SuggestedMaxAmount is not null))
        {
            r.Fail(RejectionCode.BusinessRule, "data.pricing with type LEGACY needs data.pricing.amount and no suggestedMaxAmount.");
        }
        else if (pricing.Type == PricingType.Variable && (pricing.SuggestedMaxAmount is null || pricing.Amount is not null))
        {
            r.Fail(RejectionCode.BusinessRule, "data.pricing with type VARIABLE needs data.pricing.suggestedMaxAmount and no amount.");
        }
        else if (pricing.Type == PricingType.Variable && pricing.SuggestedMaxAmount > MaxSuggested(pricing.Currency, rules))
        {
            r.Fail(RejectionCode.BusinessRule, $"data.pricing.suggestedMaxAmount may be at most {MaxSuggested(pricing.Currency, rules)} for {pricing.Currency}, got {pricing.SuggestedMaxAmount}.");
        }
        else if (initialCharge is not null && initialCharge.Amount.Currency != pricing.Currency)
        {
            r.Fail(RejectionCode.BusinessRule, $"data.initialCharge.amount.currency must be the pricing currency {pricing.Currency}, got {initialCharge.Amount.Currency}.");
        }

        return r.Failed
            ? null
            : new AgreementRequested(msn!.Value, subscriptionId!.Value, pricing, interval!, productName!, productDescription, agreementUrl!, redirectUrl!, phone, initialCharge, scope);
    }

    private static long MaxSuggested(Currency currency, IncomingEventRules rules) => currency switch
    {
        Currency.NOK => rules.MaxSuggestedNok,
        Currency.DKK => rules.MaxSuggestedDkk,
        _ => rules.MaxSuggestedEur,
    };

    private static AgreementStopRequested? AgreementStopRequested(JsonFieldReader r, JsonElement data)
    {
        var msn = ReadMsn(r, data);
        var subscriptionId = ReadSubscriptionId(r, data, true);
        r.OnlyKnown(data, Data, "msn", "subscriptionId");
        return r.Failed ? null : new AgreementStopRequested(msn!.Value, subscriptionId!.Value);
    }

    private static ChargeTransactionType? ReadTransactionType(JsonFieldReader r, JsonElement obj, string path) =>
        r.Enum(obj, path, "transactionType", true, ("DIRECT_CAPTURE", ChargeTransactionType.DirectCapture), ("RESERVE_CAPTURE", ChargeTransactionType.ReserveCapture));

    private static ChargeRequested? ChargeRequested(JsonFieldReader r, JsonElement data, DateTimeOffset time, IncomingEventRules rules)
    {
        var msn = ReadMsn(r, data);
        var chargeId = ReadChargeId(r, data);
        var agreementId = r.String(data, Data, "agreementId", true, 1, 100, AgreementIdPattern());
        var subscriptionId = ReadSubscriptionId(r, data, false);
        var amount = r.Money(data, Data, "amount", true, 100);
        var description = r.String(data, Data, "description", true, 1, 45);
        var due = r.Date(data, Data, "due", true, DatePattern());
        var retryDays = r.Integer(data, Data, "retryDays", true, 0, 14);
        var transactionType = ReadTransactionType(r, data, Data);
        r.OnlyKnown(data, Data, "msn", "chargeId", "agreementId", "subscriptionId", "amount", "description", "due", "retryDays", "transactionType");
        if (r.Failed)
        {
            return null;
        }

        var eventDay = DateOnly.FromDateTime(time.UtcDateTime);
        var earliest = eventDay.AddDays(rules.MinimumDueDays);
        var latest = eventDay.AddYears(rules.MaximumDueYears);
        if (due < earliest)
        {
            r.Fail(RejectionCode.BusinessRule, $"data.due must be at least {rules.MinimumDueDays} days after the event's time ({eventDay:yyyy-MM-dd}), so {earliest:yyyy-MM-dd} or later; got {due:yyyy-MM-dd}.");
        }
        else if (due > latest)
        {
            r.Fail(RejectionCode.BusinessRule, $"data.due must be at most {rules.MaximumDueYears} years after the event's time, so {latest:yyyy-MM-dd} or earlier; got {due:yyyy-MM-dd}.");
        }

        return r.Failed
            ? null
            : new ChargeRequested(msn!.Value, chargeId!.Value, agreementId!, subscriptionId, amount!.Value, description!, due!.Value, (int)retryDays!.Value, transactionType!.Value);
    }

    private static ChargeCaptureRequested? ChargeCaptureRequested(JsonFieldReader r, JsonElement data)
    {
        var msn = ReadMsn(r, data);
        var chargeId = ReadChargeId(r, data);
        var captureId = r.String(data, Data, "captureId", true, 1, 64, OperationIdPattern());
        var amount = r.Money(data, Data, "amount", true, 1);
        var description = r.String(data, Data, "description", false, 1, 45);
        r.OnlyKnown(data, Data, "msn", "chargeId", "captureId", "amount", "description");
        return r.Failed ? null : new ChargeCaptureRequested(msn!.Value, chargeId!.Value, captureId!, amount!.Value, description);
    }

    private static ChargeRefundRequested? ChargeRefundRequested(JsonFieldReader r, JsonElement data)
    {
        var msn = ReadMsn(r, data);
        var chargeId = ReadChargeId(r, data);
        var refundId = r.String(data, Data, "refundId", true, 1, 64, OperationIdPattern());
        var amount = r.Money(data, Data, "amount", true, 1);
        var reason = r.String(data, Data, "reason", true, 1, 200);
        var requestedBy = r.String(data, Data, "requestedBy", true, 1, 100);
        var description = r.String(data, Data, "description", false, 1, 45);
        r.OnlyKnown(data, Data, "msn", "chargeId", "refundId", "amount", "reason", "requestedBy", "description");
        return r.Failed ? null : new ChargeRefundRequested(msn!.Value, chargeId!.Value, refundId!, amount!.Value, reason!, requestedBy!, description);
    }

    private static ChargeCancelRequested? ChargeCancelRequested(JsonFieldReader r, JsonElement data)
    {
        var msn = ReadMsn(r, data);
        var chargeId = ReadChargeId(r, data);
        r.OnlyKnown(data, Data, "msn", "chargeId");
        return r.Failed ? null : new ChargeCancelRequested(msn!.Value, chargeId!.Value);
    }

    [GeneratedRegex("^[0-9]{4,6}$", RegexOptions.CultureInvariant)]
    private static partial Regex MsnPattern();

    [GeneratedRegex("^[a-zA-Z0-9-]{8,50}$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();

    [GeneratedRegex("^[a-zA-Z0-9-]{1,50}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex OperationIdPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex AgreementIdPattern();

    [GeneratedRegex("^https?://[^\\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    [GeneratedRegex("^[0-9]{8,15}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();
}
