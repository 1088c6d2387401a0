using System.Text.Json;
using System.Text.Json.Nodes;
using PaymentOrchestrator.Domain.Sagas;

namespace PaymentOrchestrator.Orchestration.Queries;

/// <summary>
/// What the read side never shows in full: the customer's phone number. A webshop's PUSH_MESSAGE payment or an
/// agreement carries it to Vipps, so the saga keeps it (in its request, its create command and its timeline) until that
/// call is made; a saga view — the API, the console, the CLI — shows only its last two digits, enough for support to
/// match a customer's "it ends in 67" and no more; so does a dead letter's view of its original message.
/// </summary>
public static partial class PersonalData
{
    private const int Shown = 2;

    private static readonly string[] PhoneProperties = ["customerPhoneNumber", "phoneNumber"];

    /// <summary>Masks every phone number property in <paramref name="node"/> and below, in place; true when one was found.</summary>
    public static bool MaskPhoneNumbers(JsonNode? node)
    {
        var masked = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (PhoneProperties.Contains(name, StringComparer.OrdinalIgnoreCase) && value is JsonValue v
                        && (v.TryGetValue<string>(out var phone) || (v.GetValueKind() == JsonValueKind.Number && (phone = v.ToJsonString()) is not null)))
                    {
                        obj[name] = Mask(phone);
                        masked = true;
                    }
                    else
                    {
                        masked |= MaskPhoneNumbers(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    masked |= MaskPhoneNumbers(item);
                }

                break;
        }

        return masked;
    }

    /// <summary>
    /// The same for a JSON text (a timeline entry's detail, a dead letter's original): rewritten only when it holds a
    /// phone number, so every other text is returned exactly as stored. Text that is not JSON (a message refused as
    /// malformed) has its phone number fields masked where they stand.
    /// </summary>
    public static string? MaskPhoneNumbers(string? json)
    {
        if (json is null || !json.Contains("honeNumber", StringComparison.OrdinalIgnoreCase))
        {
            return json;
        }

        try
        {
            var node = JsonNode.Parse(json);
            return MaskPhoneNumbers(node) ? node!.ToJsonString(SagaStateJson.Options) : json;
        }
        catch (JsonException)
        {
            return PhoneField().Replace(json, m => m.Groups["name"].Value + Mask(m.Groups["phone"].Value));
        }
    }

    /// <summary>A phone number field in text that is not JSON: the name, the separator and an opening quote kept.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("""(?<name>"(?:customerPhoneNumber|phoneNumber)"\s*:\s*"?)(?<phone>\+?[0-9]+)""", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex PhoneField();

    /// <summary><c>4791234567</c> → <c>********67</c>.</summary>
    public static string Mask(string phone) =>
        phone.Length <= Shown ? new string('*', phone.Length) : new string('*', phone.Length - Shown) + phone[^Shown..];
}
