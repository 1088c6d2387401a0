using System.Text.Json;
using PaymentOrchestrator.Vipps.Epayment;
using PaymentOrchestrator.Vipps.Http;
using PaymentOrchestrator.Vipps.Recurring;

namespace PaymentOrchestrator.Vipps.Tests.Epayment;

public class EpaymentJsonTests
{
    [Fact]
    public void a_create_request_is_camel_case_with_wire_enum_names_and_no_nulls()
    {
        var request = new CreatePaymentRequest
        {
            Amount = new Amount(Currency.Nok, 49900),
            PaymentMethod = new PaymentMethod(PaymentMethodType.Wallet),
            Reference = "acme-shop-123-order123abc",
            UserFlow = UserFlow.WebRedirect,
            ReturnUrl = "https://example.com/return",
            QrFormat = new QrFormat(QrImageFormat.ImageSvgXml),
        };

        var json = JsonSerializer.Serialize(request, VippsJson.Options);

        Assert.Equal(
            """{"amount":{"currency":"NOK","value":49900},"paymentMethod":{"type":"WALLET"},"reference":"acme-shop-123-order123abc","userFlow":"WEB_REDIRECT","returnUrl":"https://example.com/return","qrFormat":{"format":"IMAGE/SVG\u002BXML"}}""",
            json);
    }

    [Fact]
    public void a_payment_with_states_and_events_vipps_added_later_still_reads()
    {
        var payment = JsonSerializer.Deserialize<Payment>("""
            {"aggregate":{"authorizedAmount":{"currency":"NOK","value":1000},"cancelledAmount":{"currency":"NOK","value":0},
             "capturedAmount":{"currency":"NOK","value":500},"refundedAmount":{"currency":"NOK","value":0}},
             "amount":{"currency":"SEK","value":1000},"state":"PARTIALLY_SOMETHING_NEW","paymentMethod":{"type":"NEW_METHOD"},
             "profile":{},"pspReference":"psp","reference":"reference-1","someNewField":{"x":1}}
            """, VippsJson.Options)!;

        Assert.Equal(PaymentState.Unknown, payment.State);
        Assert.Equal(Currency.Unknown, payment.Amount!.Currency);
        Assert.Equal(PaymentMethodType.Unknown, payment.PaymentMethod!.Type);
        Assert.Equal(500, payment.Aggregate.CapturedAmount!.Value);
    }

    [Theory]
    [InlineData("\"AUTHORIZED\"", PaymentState.Authorized)]
    [InlineData("\"authorized\"", PaymentState.Authorized)]
    [InlineData("\"TERMINATED\"", PaymentState.Terminated)]
    [InlineData("\"ON_HOLD\"", PaymentState.Unknown)]
    public void payment_states_read_tolerantly(string json, PaymentState expected) =>
        Assert.Equal(expected, JsonSerializer.Deserialize<PaymentState>(json, VippsJson.Options));

    [Fact]
    public void an_unknown_value_is_never_sent() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Serialize(new PaymentMethod(PaymentMethodType.Unknown), VippsJson.Options));

    [Fact]
    public void recurring_enums_use_their_own_wire_names()
    {
        Assert.Equal(ChargeFailureReason.UserActionRequired, JsonSerializer.Deserialize<ChargeFailureReason>("\"user_action_required\"", VippsJson.Options));
        Assert.Equal(ChargeStatus.PartiallyCaptured, JsonSerializer.Deserialize<ChargeStatus>("\"PARTIALLY_CAPTURED\"", VippsJson.Options));
        Assert.Equal(ChargeStatus.Unknown, JsonSerializer.Deserialize<ChargeStatus>("\"ON_HOLD\"", VippsJson.Options));
        Assert.Equal("\"RESERVE_CAPTURE\"", JsonSerializer.Serialize(TransactionType.ReserveCapture, VippsJson.Options));
    }

    [Fact]
    public void a_charge_due_date_is_sent_as_a_plain_date()
    {
        var json = JsonSerializer.Serialize(
            new CreateChargeRequest { Amount = 19900, TransactionType = TransactionType.DirectCapture, Description = "September", Due = new DateOnly(2030, 12, 31), RetryDays = 5 },
            VippsJson.Options);

        Assert.Contains("\"due\":\"2030-12-31\"", json, StringComparison.Ordinal);
        Assert.Contains("\"amount\":19900", json, StringComparison.Ordinal);
    }

    [Fact]
    public void a_charge_reads_with_history_summary_and_failure_reason()
    {
        var charge = JsonSerializer.Deserialize<Charge>("""
            {"id":"chr-1","agreementId":"agr_1","amount":19900,"currency":"NOK","description":"d","due":"2030-12-31T00:00:00Z",
             "status":"FAILED","type":"RECURRING","transactionType":"DIRECT_CAPTURE","transactionId":null,"retryDays":2,
             "externalId":"x","failureReason":"charge_amount_too_high","failureDescription":"too high",
             "summary":{"captured":0,"refunded":0,"cancelled":0},
             "history":[{"occurred":"2030-12-31T07:00:00Z","event":"FAIL","amount":19900,"idempotencyKey":"k","success":false}]}
            """, VippsJson.Options)!;

        Assert.Equal(ChargeStatus.Failed, charge.Status);
        Assert.Equal(ChargeFailureReason.ChargeAmountTooHigh, charge.FailureReason);
        Assert.Equal(ChargeEventType.Fail, Assert.Single(charge.History).Event);
    }
}
