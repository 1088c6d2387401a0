using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PaymentOrchestrator.VippsSimulator.Management;

/// <summary>One field the spec refuses, and why.</summary>
internal sealed record FieldError(string Field, string Message);

/// <summary>
/// Checks a <c>ProductOrderRequest</c> body against management-v1.yaml: the required business identifier (Norwegian
/// organisation numbers only, "for now") and product type, and the type, length, pattern and range of every optional
/// field the spec constrains. Compliance data is accepted as any object.
/// </summary>
internal static partial class ProductOrderValidation
{
    public static readonly IReadOnlyList<string> ProductTypes = ["VIPPS_PA_NETT", "VIPPS_LOGG_INN", "VIPPS_CHECKOUT", "VIPPS_I_KASSA"];
    private static readonly string[] UseCases = ["Website", "WebsiteWithTest", "App", "Unknown"];

    public static FieldError? Check(JsonNode? root)
    {
        if (root is not JsonObject order)
        {
            return new FieldError("body", "The request body must be a ProductOrderRequest object.");
        }

        return BusinessIdentifier(order["businessIdentifier"])
            ?? Required(order, "productType", v => ProductTypes.Contains(v) ? null : $"productType must be one of {string.Join(", ", ProductTypes)}.")
            ?? Optional(order, "salesUnitName", v => v.Length is >= 1 and <= 30 && SalesUnitName().IsMatch(v) ? null : "salesUnitName is 1 to 30 letters, digits, spaces and ()-_+. characters.")
            ?? Optional(order, "salesUnitLogo", v => IsBase64(v) ? null : "salesUnitLogo must be base64.")
            ?? Optional(order, "pricePackageId", v => Guid.TryParse(v, out _) ? null : "pricePackageId must be a UUID.")
            ?? Optional(order, "productUseCase", v => UseCases.Contains(v) ? null : $"productUseCase must be one of {string.Join(", ", UseCases)}.")
            ?? Optional(order, "intendedPurpose", _ => null)
            ?? AnnualTurnover(order["annualTurnover"])
            ?? BankAccount(order["settlementBankAccount"])
            ?? Website(order["website"])
            ?? (order["complianceData"] is null or JsonObject ? null : new FieldError("complianceData", "complianceData must be an object."));
    }

    private static FieldError? BusinessIdentifier(JsonNode? node)
    {
        if (node is not JsonObject identifier)
        {
            return new FieldError("businessIdentifier", "businessIdentifier {scheme, id} is required.");
        }

        return Required(identifier, "scheme", v => v == "business:NO:ORG" ? null : "Only Norwegian organisation numbers (scheme business:NO:ORG) are supported.", "businessIdentifier.")
            ?? Required(identifier, "id", v => NineDigits().IsMatch(v) ? null : "businessIdentifier.id must be nine digits.", "businessIdentifier.");
    }

    private static FieldError? AnnualTurnover(JsonNode? node) =>
        node is null || (node is JsonValue value && value.TryGetValue<long>(out var turnover) && turnover is >= 0 and <= 999_999_999)
            ? null
            : new FieldError("annualTurnover", "annualTurnover must be a whole number from 0 to 999999999.");

    private static FieldError? BankAccount(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        return node is not JsonObject account
            ? new FieldError("settlementBankAccount", "settlementBankAccount must be {scheme, id}.")
            : Required(account, "scheme", v => v.Length is >= 5 and <= 20 ? null : "settlementBankAccount.scheme is 5 to 20 characters.", "settlementBankAccount.")
                ?? Required(account, "id", v => BankAccountNumber().IsMatch(v) ? null : "settlementBankAccount.id is 9 to 34 digits.", "settlementBankAccount.");
    }

    private static FieldError? Website(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject site)
        {
            return new FieldError("website", "website must be {url, termsUrl}.");
        }

        string? Https(string v) => HttpsUrl().IsMatch(v) ? null : "must be an https:// URL.";
        return Required(site, "url", Https, "website.")
            ?? Required(site, "termsUrl", Https, "website.")
            ?? Optional(site, "testWebsiteUrl", Https, "website.")
            ?? Optional(site, "testWebsiteUsername", _ => null, "website.")
            ?? Optional(site, "testWebsitePassword", _ => null, "website.");
    }

    private static FieldError? Required(JsonObject owner, string name, Func<string, string?> check, string prefix = "") =>
        owner[name] is null ? new FieldError(prefix + name, $"{prefix}{name} is required.") : Optional(owner, name, check, prefix);

    private static FieldError? Optional(JsonObject owner, string name, Func<string, string?> check, string prefix = "")
    {
        var node = owner[name];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            return new FieldError(prefix + name, $"{prefix}{name} must be a string.");
        }

        return check(node.GetValue<string>()) is { } message
            ? new FieldError(prefix + name, message.StartsWith("must", StringComparison.Ordinal) ? $"{prefix}{name} {message}" : message)
            : null;
    }

    private static bool IsBase64(string value) => Convert.TryFromBase64String(value, new byte[value.Length], out _);

    [GeneratedRegex(@"^\d{9}$", RegexOptions.CultureInvariant)]
    private static partial Regex NineDigits();

    [GeneratedRegex(@"^\d{9,34}$", RegexOptions.CultureInvariant)]
    private static partial Regex BankAccountNumber();

    // The spec's own pattern; its "\)-_" is a range from ')' to '_', kept as written.
    [GeneratedRegex(@"^[\p{L}\p{M}\d\\(\)-_\+\s\.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SalesUnitName();

    [GeneratedRegex(@"^(https:\/\/)[a-z0-9]+([\-\.]{1}[a-z0-9]+)*\.[a-z]{2,5}(:[0-9]{1,5})?(\/.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex HttpsUrl();
}
