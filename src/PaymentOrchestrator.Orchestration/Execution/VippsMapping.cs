using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Recurring;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;
using System.Collections.Immutable;
using PaymentOrchestrator.Domain.CustomerDetails;
using V = PaymentOrchestrator.Vipps;
using VE = PaymentOrchestrator.Vipps.Epayment;
using VR = PaymentOrchestrator.Vipps.Recurring;
using VU = PaymentOrchestrator.Vipps.Userinfo;

namespace PaymentOrchestrator.Orchestration.Execution;

/// <summary>Pure translations between the Domain's types and the Vipps client's wire models.</summary>
internal static class VippsMapping
{
    public static V.MerchantSerialNumber Msn(Msn msn) => V.MerchantSerialNumber.Create(msn.Value);

    public static V.IdempotencyKey Key(Domain.Values.IdempotencyKey key) => V.IdempotencyKey.Create(key.Value);

    public static V.Currency Currency(Currency currency) => currency switch
    {
        Domain.Values.Currency.NOK => V.Currency.Nok,
        Domain.Values.Currency.DKK => V.Currency.Dkk,
        _ => V.Currency.Eur,
    };

    public static Currency Currency(V.Currency currency, Currency fallback) => currency switch
    {
        V.Currency.Nok => Domain.Values.Currency.NOK,
        V.Currency.Dkk => Domain.Values.Currency.DKK,
        V.Currency.Eur => Domain.Values.Currency.EUR,
        _ => fallback,
    };

    public static VE.Amount Amount(Money money) => new(Currency(money.Currency), money.MinorUnits);

    public static VE.CreatePaymentRequest CreatePayment(Domain.Epayment.CreatePayment command) => new()
    {
        Amount = Amount(command.Amount),
        PaymentMethod = new VE.PaymentMethod(command.PaymentMethod == PaymentMethodType.Card ? VE.PaymentMethodType.Card : VE.PaymentMethodType.Wallet),
        Reference = command.Reference.Value,
        UserFlow = command.UserFlow switch
        {
            UserFlow.PushMessage => VE.UserFlow.PushMessage,
            UserFlow.NativeRedirect => VE.UserFlow.NativeRedirect,
            UserFlow.Qr => VE.UserFlow.Qr,
            _ => VE.UserFlow.WebRedirect,
        },
        ReturnUrl = command.ReturnUrl,
        Customer = command.CustomerPhoneNumber is { } phone ? VE.Customer.FromPhoneNumber(phone) : null,
        PaymentDescription = command.PaymentDescription,
        Profile = command.ProfileScope is { } scope ? new VE.ProfileRequest(scope.Value) : null,
    };

    /// <summary>Vipps' aggregate in the payment's currency; a missing amount is zero.</summary>
    public static Domain.Epayment.PaymentAggregate Aggregate(VE.PaymentAggregate aggregate, Currency currency)
    {
        Money M(VE.Amount? amount) => new(amount?.Value ?? 0, currency);
        return new Domain.Epayment.PaymentAggregate(
            M(aggregate.AuthorizedAmount), M(aggregate.CapturedAmount), M(aggregate.RefundedAmount), M(aggregate.CancelledAmount));
    }

    /// <summary>Null for a state this version does not know (Vipps adds states): the saga then keeps polling.</summary>
    public static VippsPaymentState? State(VE.PaymentState state) => state switch
    {
        VE.PaymentState.Created => VippsPaymentState.Created,
        VE.PaymentState.Authorized => VippsPaymentState.Authorized,
        VE.PaymentState.Aborted => VippsPaymentState.Aborted,
        VE.PaymentState.Expired => VippsPaymentState.Expired,
        VE.PaymentState.Terminated => VippsPaymentState.Terminated,
        _ => null,
    };

    public static VR.DraftAgreementRequest DraftAgreement(AgreementRequested draft) => new()
    {
        Pricing = new VR.AgreementPricingRequest
        {
            Type = draft.Pricing.Type == PricingType.Variable ? VR.PricingType.Variable : VR.PricingType.Legacy,
            Currency = Currency(draft.Pricing.Currency),
            Amount = draft.Pricing.Amount,
            SuggestedMaxAmount = draft.Pricing.SuggestedMaxAmount,
        },
        Interval = new VR.TimePeriod(
            draft.Interval.Unit switch
            {
                IntervalUnit.Day => VR.TimePeriodUnit.Day,
                IntervalUnit.Week => VR.TimePeriodUnit.Week,
                IntervalUnit.Year => VR.TimePeriodUnit.Year,
                _ => VR.TimePeriodUnit.Month,
            },
            draft.Interval.Count),
        MerchantAgreementUrl = draft.MerchantAgreementUrl,
        MerchantRedirectUrl = draft.MerchantRedirectUrl,
        ProductName = draft.ProductName,
        ProductDescription = draft.ProductDescription,
        PhoneNumber = draft.CustomerPhoneNumber,
        Scope = draft.ProfileScope?.Value,
        InitialCharge = draft.InitialCharge is { } initial
            ? new VR.InitialCharge
            {
                Amount = initial.Amount.MinorUnits,
                Description = initial.Description,
                TransactionType = TransactionType(initial.TransactionType),
            }
            : null,
    };

    public static VR.TransactionType TransactionType(ChargeTransactionType type) =>
        type == ChargeTransactionType.ReserveCapture ? VR.TransactionType.ReserveCapture : VR.TransactionType.DirectCapture;

    public static VippsAgreementStatus? Status(VR.AgreementStatus status) => status switch
    {
        VR.AgreementStatus.Pending => VippsAgreementStatus.Pending,
        VR.AgreementStatus.Active => VippsAgreementStatus.Active,
        VR.AgreementStatus.Stopped => VippsAgreementStatus.Stopped,
        VR.AgreementStatus.Expired => VippsAgreementStatus.Expired,
        _ => null,
    };

    public static VR.CreateChargeRequest CreateCharge(CreateCharge command) => new()
    {
        Amount = command.Amount.MinorUnits,
        TransactionType = TransactionType(command.TransactionType),
        Description = command.Description,
        Due = command.Due,
        RetryDays = command.RetryDays,
        OrderId = command.ChargeId.Value,
    };

    public static VippsChargeStatus? Status(VR.ChargeStatus status) => status switch
    {
        VR.ChargeStatus.Pending => VippsChargeStatus.Pending,
        VR.ChargeStatus.Due => VippsChargeStatus.Due,
        VR.ChargeStatus.Processing => VippsChargeStatus.Processing,
        VR.ChargeStatus.Reserved => VippsChargeStatus.Reserved,
        VR.ChargeStatus.PartiallyCaptured => VippsChargeStatus.PartiallyCaptured,
        VR.ChargeStatus.Charged => VippsChargeStatus.Charged,
        VR.ChargeStatus.PartiallyRefunded => VippsChargeStatus.PartiallyRefunded,
        VR.ChargeStatus.Refunded => VippsChargeStatus.Refunded,
        VR.ChargeStatus.Failed => VippsChargeStatus.Failed,
        VR.ChargeStatus.Cancelled => VippsChargeStatus.Cancelled,
        _ => null,
    };

    public static ChargeSummary? Summary(VR.ChargeSummary? summary, Currency currency) => summary is null
        ? null
        : new ChargeSummary(new Money(summary.Captured, currency), new Money(summary.Refunded, currency), new Money(summary.Cancelled, currency));

    public static string? FailureReason(VR.ChargeFailureReason? reason) => reason switch
    {
        null => null,
        VR.ChargeFailureReason.UserActionRequired => "user_action_required",
        VR.ChargeFailureReason.ChargeAmountTooHigh => "charge_amount_too_high",
        VR.ChargeFailureReason.NonTechnicalError => "non_technical_error",
        VR.ChargeFailureReason.TechnicalError => "technical_error",
        _ => "unknown",
    };

    /// <summary>
    /// The result of a customer-details read: the claims by their scope names (what the saga records) and the values
    /// (in memory only), or unavailable when Vipps has nothing for the customer at this sales unit.
    /// </summary>
    public static CommandResult CustomerDetails(Domain.Values.IdempotencyKey key, VU.UserinfoResult result)
    {
        if (result is VU.UserinfoUnavailable unavailable)
        {
            return new CustomerDetailsUnavailable(key, unavailable.Status, unavailable.Reason);
        }

        var claims = ((VU.UserinfoFound)result).Claims;
        var address = claims.Address is { } a
            ? new CustomerAddressData { StreetAddress = a.StreetAddress, PostalCode = a.PostalCode, Region = a.Region, Country = a.Country }
            : null;
        var details = new CustomerDetailsData
        {
            Result = CustomerDetailsData.Shared,
            GivenName = claims.GivenName,
            FamilyName = claims.FamilyName,
            Email = claims.Email,
            EmailVerified = claims.Email is null ? null : claims.EmailVerified,
            PhoneNumber = claims.PhoneNumber,
            Address = address,
            BirthDate = claims.Birthdate,
        };
        ImmutableArray<string> names =
        [
            .. new (string Claim, bool Present)[]
            {
                ("name", claims.GivenName is not null || claims.FamilyName is not null),
                ("email", claims.Email is not null),
                ("phoneNumber", claims.PhoneNumber is not null),
                ("address", address is not null),
                ("birthDate", claims.Birthdate is not null),
            }.Where(c => c.Present).Select(c => c.Claim),
        ];
        return new CustomerDetailsFound(key, names) { Details = details with { Claims = names } };
    }

    /// <summary>No <c>sub</c> came back with the payment or agreement: the customer shared nothing to read.</summary>
    public static CommandResult NoSubject(Domain.Values.IdempotencyKey key, string what) =>
        new CustomerDetailsUnavailable(key, null, $"Vipps returned no customer id (sub) with the {what}: there are no details to read.");

    /// <summary>What the operator sees of a Vipps failure; never a secret (the client keeps those out of its exceptions).</summary>
    public static VippsProblem Problem(V.Errors.VippsApiException e) =>
        new(e.Status, e.ErrorCode, e.Title ?? (e.Status is null ? "No answer from Vipps" : "Vipps error"), e.Detail ?? e.Message, e.ProblemType, e.TraceId ?? e.ContextId);
}
