using System.Text.Json;
using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Http;

namespace PaymentOrchestrator.Vipps.Userinfo;

/// <summary>
/// Userinfo API (userinfo-v2.yaml): the details a customer consented to share with a payment (ePayment
/// <c>profile.scope</c>) or an agreement (Recurring <c>scope</c>), read with the <c>sub</c> Vipps returned on it.
/// Partner keys cover it (the partner-keys docs: "including the Userinfo endpoints") with the sales unit's MSN in the
/// <c>Merchant-Serial-Number</c> header; in test each MSN uses its own merchant keys. Management and accounting keys
/// are refused before any request.
/// <para>
/// A <c>sub</c> belongs to one sales unit: the same person has another <c>sub</c> at every other MSN, so always pass
/// the MSN of the payment or agreement the <c>sub</c> came from, and never look a <c>sub</c> up under another MSN or
/// use it to join customers across sales units.
/// </para>
/// <para>
/// Personal data: no claim (the <c>sub</c> included) is written to a log, an exception message or a result's text form
/// by this client; an error answer that echoes the <c>sub</c> has it replaced. What the caller does with the claims is
/// its responsibility.
/// </para>
/// </summary>
public class VippsUserinfoClient
{
    private const int MaxSubLength = 200;
    private static readonly HashSet<int> UnavailableAnswers = [404, 410];
    private readonly VippsPipeline? _pipeline;

    /// <summary>For mocking.</summary>
    protected VippsUserinfoClient()
    {
    }

    internal VippsUserinfoClient(VippsPipeline pipeline) => _pipeline = pipeline;

    private VippsPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>
    /// Reads the customer's details (<c>GET /vipps-userinfo-api/userinfo/{sub}</c>) for <paramref name="msn"/>:
    /// <see cref="UserinfoFound"/>, or <see cref="UserinfoUnavailable"/> when Vipps has nothing for this <c>sub</c> at
    /// this sales unit (404). A GET, so retried on transient failures like every read.
    /// </summary>
    /// <param name="msn">The sales unit of the payment or agreement that returned <paramref name="sub"/>.</param>
    /// <param name="sub">The <c>sub</c> from that payment (<c>profile.sub</c>) or agreement (<c>sub</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual async Task<UserinfoResult> GetUserinfoAsync(MerchantSerialNumber msn, string sub, CancellationToken cancellationToken = default)
    {
        CheckSub(sub);
        var answer = await Pipeline.SendForAnswerAsync<Dictionary<string, JsonElement>>(
            new VippsCall
            {
                Operation = "userinfo.get",
                Method = HttpMethod.Get,
                Path = "vipps-userinfo-api/userinfo/" + Uri.EscapeDataString(sub),
                Msn = msn,
                Kind = VippsOperationKind.Userinfo,
                PersonalValues = [sub],
                AnsweredStatuses = UnavailableAnswers,
            },
            cancellationToken);
        return answer.Value is { } body
            ? new UserinfoFound(msn, Read(body, sub))
            : new UserinfoUnavailable(msn, answer.Status, Reason(answer.Status, answer.Problem));
    }

    internal static UserinfoClaims Read(IReadOnlyDictionary<string, JsonElement> body, string askedSub)
    {
        var other = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        string? sub = null, name = null, given = null, family = null, email = null, phone = null, birthdate = null, nin = null;
        bool? emailVerified = null;
        UserinfoAddress? address = null;
        var otherAddresses = new List<UserinfoAddress>();
        foreach (var (claimName, value) in body)
        {
            var known = claimName switch
            {
                "sub" => Text(value, ref sub),
                "name" => Text(value, ref name),
                "given_name" => Text(value, ref given),
                "family_name" => Text(value, ref family),
                "email" => Text(value, ref email),
                "phone_number" => Text(value, ref phone),
                "birthdate" => Text(value, ref birthdate),
                "nin" => Text(value, ref nin),
                "email_verified" => Flag(value, ref emailVerified),
                "address" => AddressOf(value, ref address),
                "other_addresses" => Addresses(value, otherAddresses),
                _ => false,
            };
            if (!known && value.ValueKind != JsonValueKind.Null)
            {
                other[claimName] = value.Clone();
            }
        }

        return new UserinfoClaims
        {
            // Vipps always sends sub; should it not, the one asked for is the customer's id at this sales unit.
            Sub = sub ?? askedSub,
            Name = name,
            GivenName = given,
            FamilyName = family,
            Email = email,
            EmailVerified = emailVerified,
            PhoneNumber = phone,
            Birthdate = birthdate,
            Nin = nin,
            Address = address,
            OtherAddresses = otherAddresses,
            OtherClaims = other,
        };
    }

    private static bool Text(JsonElement value, ref string? target)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                target = value.GetString();
                return true;
            case JsonValueKind.Null:
                return true;
            default:
                return false;
        }
    }

    private static bool Flag(JsonElement value, ref bool? target)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.True or JsonValueKind.False:
                target = value.GetBoolean();
                return true;
            case JsonValueKind.Null:
                return true;
            default:
                return false;
        }
    }

    private static bool AddressOf(JsonElement value, ref UserinfoAddress? target)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        target = ToAddress(value);
        return target is not null;
    }

    private static bool Addresses(JsonElement value, List<UserinfoAddress> target)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var read = value.EnumerateArray().Select(ToAddress).ToList();
        if (read.Any(a => a is null))
        {
            return false;
        }

        target.AddRange(read!);
        return true;
    }

    private static UserinfoAddress? ToAddress(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? Field(string name) => value.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new UserinfoAddress
        {
            AddressType = Field("address_type"),
            StreetAddress = Field("street_address"),
            PostalCode = Field("postal_code"),
            Region = Field("region"),
            Country = Field("country"),
            Formatted = Field("formatted"),
            Default = value.TryGetProperty("default", out var d) && d.ValueKind is JsonValueKind.True or JsonValueKind.False ? d.GetBoolean() : null,
        };
    }

    private static string Reason(int status, VippsProblem? problem)
    {
        var said = string.Join(": ", new[] { problem?.Title, problem?.Detail }.Where(t => !string.IsNullOrWhiteSpace(t)));
        return $"{status}: Vipps has no details for this sub at this sales unit (unknown, another sales unit's, or past the time Vipps keeps them after consent){(said.Length > 0 ? " — " + said : "")}.";
    }

    private static void CheckSub(string sub)
    {
        // The message never repeats the value: a sub is the customer's id.
        if (string.IsNullOrWhiteSpace(sub) || sub.Length > MaxSubLength || sub.Any(char.IsControl))
        {
            throw new ArgumentException($"A sub is 1 to {MaxSubLength} printable characters, as Vipps returned it on the payment (profile.sub) or agreement (sub).", nameof(sub));
        }
    }
}
