using PaymentOrchestrator.Vipps.Epayment;

namespace PaymentOrchestrator.Vipps.Tests.Support;

/// <summary>Small builders for test payments; references and keys are unique per call.</summary>
public static class Payments
{
    private static int s_counter;

    public static string NewReference(string prefix = "po-test") =>
        $"{prefix}-{Interlocked.Increment(ref s_counter)}-{Guid.NewGuid():N}"[..40];

    public static IdempotencyKey NewKey(string operation)
    {
        var key = $"{operation}-{Guid.NewGuid():N}";
        return IdempotencyKey.Create(key.Length > IdempotencyKey.MaxLength ? key[..IdempotencyKey.MaxLength] : key);
    }

    public static CreatePaymentRequest WebRedirect(string reference, long value = 10_000, Currency currency = Currency.Nok) => new()
    {
        Amount = new Amount(currency, value),
        PaymentMethod = new PaymentMethod(PaymentMethodType.Wallet),
        Reference = reference,
        UserFlow = UserFlow.WebRedirect,
        ReturnUrl = "https://example.com/return?order=" + reference,
        PaymentDescription = "Test order",
    };
}
