using System.Text.Json;
using System.Text.Json.Nodes;

namespace PaymentOrchestrator.Orchestration.Queries;

/// <summary>
/// What the read side never shows in full: the customer's phone number. A webshop's PUSH_MESSAGE payment or an
/// agreement carries it to Vipps, so the saga keeps it (in its request, its create command and its timeline) until that
/// call is made; a saga view — the API, the console, the CLI — shows only its last two digits, enough for support to
/// match a customer's "it ends in 67" and no more.
/// </summary>
internal static class PersonalData
{
    private const int Shown = 2;

    private static readonly string[] PhoneProperties = ["customerPhoneNumber", "phoneNumber"];

    /// <summary>Masks every phone number property in <paramref name="node"/> and below, in place.</summary>
    public static void MaskPhoneNumbers(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (PhoneProperties.Contains(name, StringComparer.OrdinalIgnoreCase) && value is JsonValue v && v.TryGetValue<string>(out var phone))
                    {
                        obj[name] = Mask(phone);
                    }
                    else
                    {
                        MaskPhoneNumbers(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    MaskPhoneNumbers(item);
                }

                break;
        }
    }

    /// <summary>The same for a JSON text (a timeline entry's detail); text that is not a JSON object or array is returned as it is.</summary>
    public static string? MaskPhoneNumbers(string? json)
    {
        if (json is null || json.Length == 0 || json[0] is not ('{' or '['))
        {
            return json;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return json;
        }

        MaskPhoneNumbers(node);
        return node?.ToJsonString() ?? json;
    }

    /// <summary><c>4791234567</c> → <c>********67</c>.</summary>
    public static string Mask(string phone) =>
        phone.Length <= Shown ? new string('*', phone.Length) : new string('*', phone.Length - Shown) + phone[^Shown..];
}
