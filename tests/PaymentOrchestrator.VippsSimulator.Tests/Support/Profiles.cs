using System.Net;
using System.Text.Json.Nodes;

namespace PaymentOrchestrator.VippsSimulator.Tests.Support;

/// <summary>Payments and agreements that ask for profile details, and Userinfo reads.</summary>
internal static class Profiles
{
    public const string UserinfoPath = "vipps-userinfo-api/userinfo/";

    /// <summary>Creates a payment asking for <paramref name="scope"/>; returns its reference.</summary>
    public static async Task<string> CreatePaymentAsync(VippsCaller caller, string scope)
    {
        var reference = Payments.NewReference();
        var currency = caller.Msn switch
        {
            SimulatorDefaults.DenmarkMsn => "DKK",
            SimulatorDefaults.FinlandMsn => "EUR",
            _ => "NOK",
        };
        var body = Payments.CreateBody(reference, currency: currency);
        body["profile"] = new JsonObject { ["scope"] = scope };
        using var response = await caller.PostAsync("epayment/v1/payments", body, Payments.NewKey());
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Create failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return reference;
    }

    /// <summary>A payment asking for <paramref name="scope"/>, approved (so shared) by the customer; returns its profile.sub.</summary>
    public static async Task<string> SharedSubAsync(SimulatorHost host, VippsCaller caller, string scope)
    {
        var reference = await CreatePaymentAsync(caller, scope);
        await host.Admin.ApprovePaymentAsync(caller.Msn!, reference);
        return (await Payments.GetAsync(caller, reference))["profile"]!["sub"]!.GetValue<string>();
    }

    /// <summary>Drafts an agreement asking for <paramref name="scope"/>; returns its id.</summary>
    public static async Task<string> DraftAgreementAsync(VippsCaller caller, string scope)
    {
        var body = Agreements.DraftBody();
        body["scope"] = scope;
        return (await Agreements.DraftAsync(caller, body))["agreementId"]!.GetValue<string>();
    }

    public static Task<HttpResponseMessage> ReadAsync(VippsCaller caller, string sub) =>
        caller.GetAsync(UserinfoPath + Uri.EscapeDataString(sub));

    public static async Task<JsonObject> ClaimsAsync(VippsCaller caller, string sub)
    {
        using var response = await ReadAsync(caller, sub);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Userinfo failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (JsonObject)await response.ReadAsync();
    }
}
