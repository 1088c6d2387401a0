using System.Text.Json;
using System.Text.RegularExpressions;
using PaymentOrchestrator.Vipps.Epayment;
using PaymentOrchestrator.Vipps.Http;
using PaymentOrchestrator.Vipps.Recurring;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.Vipps.Tests.Support;
using PaymentOrchestrator.Vipps.Webhooks;

namespace PaymentOrchestrator.Vipps.Tests.Contracts;

/// <summary>Every body the client puts on the wire is valid against the official schema of its operation.</summary>
public class RequestSchemaTests
{
    private static readonly MerchantSerialNumber Msn = VippsTestHost.Norway;

    /// <summary>(method, path pattern) → (spec, component schema).</summary>
    private static readonly (string Method, Regex Path, OpenApiContract Spec, string Schema)[] Operations =
    [
        ("POST", new Regex("^/epayment/v1/payments$"), OpenApiContract.Epayment, "CreatePaymentRequest"),
        ("POST", new Regex("^/epayment/v1/payments/[^/]+/capture$"), OpenApiContract.Epayment, "CaptureModificationRequest"),
        ("POST", new Regex("^/epayment/v1/payments/[^/]+/refund$"), OpenApiContract.Epayment, "RefundModificationRequest"),
        ("POST", new Regex("^/epayment/v1/test/payments/[^/]+/approve$"), OpenApiContract.Epayment, "ForceApprove"),
        ("POST", new Regex("^/recurring/v3/agreements$"), OpenApiContract.Recurring, "DraftAgreementV3"),
        ("PATCH", new Regex("^/recurring/v3/agreements/[^/]+$"), OpenApiContract.Recurring, "PatchAgreementV3"),
        ("PATCH", new Regex("^/recurring/v3/agreements/[^/]+/accept$"), OpenApiContract.Recurring, "ForceAcceptAgreementV3"),
        ("POST", new Regex("^/recurring/v3/agreements/[^/]+/charges$"), OpenApiContract.Recurring, "CreateChargeV3"),
        ("POST", new Regex("^/recurring/v3/agreements/[^/]+/charges/[^/]+/capture$"), OpenApiContract.Recurring, "CaptureRequestV3"),
        ("POST", new Regex("^/recurring/v3/agreements/[^/]+/charges/[^/]+/refund$"), OpenApiContract.Recurring, "RefundRequest"),
        ("POST", new Regex("^/webhooks/v1/webhooks$"), OpenApiContract.Webhooks, "RegisterRequest"),
    ];

    [Fact]
    public async Task every_request_body_sent_in_an_epayment_and_webhook_session_matches_the_official_schema()
    {
        await using var host = await VippsTestHost.StartAsync(test: true);
        var reference = Payments.NewReference();
        await host.Epayment.CreatePaymentAsync(Msn, new CreatePaymentRequest
        {
            Amount = new Amount(Currency.Nok, 49_900),
            PaymentMethod = new PaymentMethod(PaymentMethodType.Wallet),
            Reference = reference,
            UserFlow = UserFlow.WebRedirect,
            ReturnUrl = "https://example.com/return",
            Customer = Customer.FromPhoneNumber("4791234567"),
            CustomerInteraction = CustomerInteraction.CustomerNotPresent,
            PaymentDescription = "Order 123",
            Profile = new ProfileRequest("name phoneNumber"),
            Metadata = new Dictionary<string, string> { ["orderId"] = "123", ["store"] = "oslo" },
        }, Payments.NewKey("create"));
        var qr = Payments.NewReference();
        await host.Epayment.CreatePaymentAsync(Msn, new CreatePaymentRequest
        {
            Amount = new Amount(Currency.Nok, 1_000),
            PaymentMethod = new PaymentMethod(PaymentMethodType.Wallet),
            Reference = qr,
            UserFlow = UserFlow.Qr,
            QrFormat = new QrFormat(QrImageFormat.ImagePng, 400),
        }, Payments.NewKey("create"));
        await host.Epayment.ForceApprovePaymentAsync(Msn, reference, new ForceApproveRequest { Customer = Customer.FromPhoneNumber("4791234567") });
        await host.Epayment.CapturePaymentAsync(Msn, reference, new Amount(Currency.Nok, 20_000), Payments.NewKey("capture"));
        await host.Epayment.RefundPaymentAsync(Msn, reference, new Amount(Currency.Nok, 5_000), Payments.NewKey("refund"));
        await host.Epayment.CancelPaymentAsync(Msn, reference, Payments.NewKey("cancel"));
        await host.Webhooks.RegisterWebhookAsync(Msn, new RegisterWebhookRequest { Url = new Uri("https://example.com/hooks"), Events = WebhookEventNames.AllPaymentEvents });

        AssertAllValid(host.Recorder.Requests, ["CreatePaymentRequest", "ForceApprove", "CaptureModificationRequest", "RefundModificationRequest", "RegisterRequest"]);
    }

    [Fact]
    public async Task every_request_body_sent_in_a_recurring_session_matches_the_official_schema()
    {
        await using var host = await VippsTestHost.StartAsync(test: true);
        var draft = await host.Recurring.DraftAgreementAsync(Msn, new DraftAgreementRequest
        {
            Pricing = new AgreementPricingRequest { Type = PricingType.Legacy, Currency = Currency.Nok, Amount = 2_500 },
            Interval = new TimePeriod(TimePeriodUnit.Week, 2),
            MerchantAgreementUrl = "https://example.com/subscriptions",
            MerchantRedirectUrl = "https://example.com/redirect",
            ProductName = "Weekly box",
            ProductDescription = "Vegetables every other week",
            PhoneNumber = "4791234567",
            InitialCharge = new InitialCharge { Amount = 2_500, Description = "First box", TransactionType = TransactionType.DirectCapture, OrderId = "init-" + Guid.NewGuid().ToString("N")[..10] },
            Scope = "name",
            ExternalId = "box-42",
        }, Payments.NewKey("draft"));
        await host.Recurring.ForceAcceptAgreementAsync(Msn, draft.AgreementId, "4791234567", Payments.NewKey("accept"));
        await host.Recurring.UpdateAgreementAsync(Msn, draft.AgreementId, new UpdateAgreementRequest { ProductName = "Weekly box+", Pricing = new AgreementPricingUpdate { Amount = 3_000 } }, Payments.NewKey("update"));
        var due = DateOnly.FromDateTime((await host.Admin.GetTimeAsync()).UtcDateTime).AddDays(2);
        var charge = await host.Recurring.CreateChargeAsync(Msn, draft.AgreementId, new CreateChargeRequest
        {
            Amount = 3_000, TransactionType = TransactionType.ReserveCapture, Description = "Box 2", Due = due, RetryDays = 3, OrderId = "box2-" + Guid.NewGuid().ToString("N")[..10], ExternalId = "box-42-2",
        }, Payments.NewKey("charge"));
        await host.Admin.AdvanceClockAsync(TimeSpan.FromDays(3));
        await host.Recurring.CaptureChargeAsync(Msn, draft.AgreementId, charge.ChargeId, 3_000, "Delivered", Payments.NewKey("capture"));
        await host.Recurring.RefundChargeAsync(Msn, draft.AgreementId, charge.ChargeId, 1_000, "Damaged item", Payments.NewKey("refund"));
        await host.Recurring.StopAgreementAsync(Msn, draft.AgreementId, Payments.NewKey("stop"));

        AssertAllValid(host.Recorder.Requests, ["DraftAgreementV3", "ForceAcceptAgreementV3", "PatchAgreementV3", "CreateChargeV3", "CaptureRequestV3", "RefundRequest"]);
    }

    [Fact]
    public void a_variable_price_draft_matches_the_official_schema() =>
        OpenApiContract.Recurring.AssertValid("DraftAgreementV3", JsonSerializer.Serialize(new DraftAgreementRequest
        {
            Pricing = new AgreementPricingRequest { Type = PricingType.Variable, Currency = Currency.Nok, SuggestedMaxAmount = 30_000 },
            Interval = new TimePeriod(TimePeriodUnit.Month, 1),
            MerchantAgreementUrl = "https://example.com/subscriptions",
            MerchantRedirectUrl = "myapp://home",
            ProductName = "Electricity",
            IsApp = true,
            SkipLandingPage = false,
        }, VippsJson.Options));

    [Fact]
    public void a_long_living_payment_matches_the_official_schema() =>
        OpenApiContract.Epayment.AssertValid("CreatePaymentRequest", JsonSerializer.Serialize(new CreatePaymentRequest
        {
            Amount = new Amount(Currency.Eur, 1),
            PaymentMethod = new PaymentMethod(PaymentMethodType.Wallet),
            Reference = "acme-shop-123-order123abc",
            UserFlow = UserFlow.PushMessage,
            Customer = Customer.FromPhoneNumber("4791234567"),
            ExpiresAt = new DateTimeOffset(2030, 2, 26, 17, 32, 28, TimeSpan.Zero),
            Receipt = JsonDocument.Parse("""{"orderLines":[],"bottomLine":{"currency":"EUR"}}""").RootElement,
        }, VippsJson.Options));

    [Fact]
    public void a_body_that_breaks_the_schema_is_caught() =>
        Assert.NotEmpty(OpenApiContract.Epayment.Validate("CreatePaymentRequest", """{"amount":{"currency":"SEK","value":1.5},"reference":"x"}"""));

    private static void AssertAllValid(IReadOnlyList<RecordedRequest> requests, string[] expectedSchemas)
    {
        var checkedSchemas = new HashSet<string>();
        foreach (var request in requests.Where(r => r.Path != "/accesstoken/get"))
        {
            AssertHeaders(request);
            var operation = Operations.FirstOrDefault(o => o.Method == request.Method && o.Path.IsMatch(request.Path));
            if (request.Body is null)
            {
                continue;
            }

            Assert.True(operation.Spec is not null, $"No schema mapped for {request.Method} {request.Path} with body {request.Body}");
            operation.Spec.AssertValid(operation.Schema, request.Body);
            checkedSchemas.Add(operation.Schema);
        }

        Assert.Equal(expectedSchemas.Order(), checkedSchemas.Order());
    }

    private static void AssertHeaders(RecordedRequest request)
    {
        Assert.Matches("^Bearer .+", request.Header("Authorization"));
        Assert.False(string.IsNullOrEmpty(request.Header("Ocp-Apim-Subscription-Key")));
        if (request.Header("Merchant-Serial-Number") is { } msn)
        {
            Assert.Matches("^[0-9]{4,6}$", msn);
        }

        foreach (var name in new[] { "Vipps-System-Name", "Vipps-System-Version", "Vipps-System-Plugin-Name", "Vipps-System-Plugin-Version" })
        {
            Assert.InRange(request.Header(name)?.Length ?? 0, 1, 30);
        }

        var mutating = request.Method is "POST" or "PATCH" or "PUT" or "DELETE";
        var definesNoKey = request.Path.StartsWith("/webhooks/", StringComparison.Ordinal) || request.Path.StartsWith("/epayment/v1/test/", StringComparison.Ordinal);
        if (mutating && !definesNoKey)
        {
            Assert.Matches("^[A-Za-z0-9-]{1,40}$", request.Header("Idempotency-Key"));
        }
    }
}
