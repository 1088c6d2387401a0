using PaymentOrchestrator.Testing.Chaos;
using PaymentOrchestrator.Testing.Sagas;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PaymentOrchestrator.Orchestration.Tests.Support;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Orchestration.Tests.BadInput;

/// <summary>Where a bad input enters.</summary>
public enum Channel
{
    /// <summary><c>payment-requests</c>: SagaHandoff, any event type.</summary>
    PaymentRequests,

    /// <summary><c>refund-requests</c>: SagaHandoff restricted to refund types.</summary>
    RefundRequests,

    /// <summary><c>POST /api/vipps/webhooks</c>: WebhookProcessor.</summary>
    Webhook,
}

/// <summary>What an input may change besides nothing.</summary>
public enum Allowed
{
    /// <summary>No table row, no simulator counter changes.</summary>
    Nothing,

    /// <summary>The target saga records the refusal in its timeline (its row, history rows, the applied marker); Vipps is not called.</summary>
    RefusalInTimeline,
}

/// <summary>One hostile or malformed input and the precise answer it must get.</summary>
/// <param name="Name">A short, unique name (the test case).</param>
/// <param name="Channel">Where it enters.</param>
/// <param name="Expected"><c>rejected:&lt;code&gt;</c>, <c>duplicate</c>, <c>unauthorized:&lt;reason fragment&gt;</c> or <c>ignored:&lt;reason fragment&gt;</c>.</param>
/// <param name="Allowed">What it may change.</param>
/// <param name="Build">The body (and, for webhooks, the x-ms-date, x-ms-content-sha256 and Authorization headers).</param>
public sealed record BadInputCase(string Name, Channel Channel, string Expected, Allowed Allowed, Func<BadInputFixture, BadInputRequest> Build)
{
    public override string ToString() => Name;
}

public sealed record BadInputRequest(byte[] Body, string? Date = null, string? Hash = null, string? Authorization = null);

/// <summary>
/// The corpus: malformed JSON, wrong types, huge payloads, negative and overflowing amounts, wrong currencies, bad and
/// injected references, unknown, disabled and unbound MSNs, forged sources, replayed ids, unknown types, operations the
/// saga must refuse, and forged, stale, tampered and unroutable webhooks — each with the precise code it must get.
/// </summary>
public static class BadInputCorpus
{
    private const string Msn = BadInputFixture.Msn;

    public static IReadOnlyList<BadInputCase> All { get; } = Build();

    public static IEnumerable<object[]> Names => All.Select(c => new object[] { c.Name });

    private static List<BadInputCase> Build()
    {
        var cases = new List<BadInputCase>();
        void Event(string name, string expected, Func<BadInputFixture, byte[]> body, Allowed allowed = Allowed.Nothing, Channel channel = Channel.PaymentRequests) =>
            cases.Add(new BadInputCase(name, channel, expected, allowed, f => new BadInputRequest(body(f))));
        void Raw(string name, string expected, string text) => Event(name, expected, _ => Encoding.UTF8.GetBytes(text));
        void Mutated(string name, string expected, Action<JsonObject> mutate, Func<string, JsonObject>? start = null)
        {
            Event(name, expected, _ =>
            {
                var json = (start ?? NewPayment)(Events.NewReference("bad"));
                mutate(json);
                return JsonSerializer.SerializeToUtf8Bytes(json);
            });
        }

        // --- not JSON, not an object, too big
        Raw("empty body", "rejected:MalformedJson", string.Empty);
        Raw("plain text", "rejected:MalformedJson", "capture everything please");
        Raw("truncated JSON", "rejected:MalformedJson", "{\"specversion\":\"1.0\",\"id\":\"x\",");
        Raw("trailing garbage", "rejected:MalformedJson", "{\"specversion\":\"1.0\"} {}");
        Raw("single-quoted JSON", "rejected:MalformedJson", "{'specversion':'1.0'}");
        Raw("JSON with comments", "rejected:MalformedJson", "{/* hi */ \"specversion\":\"1.0\"}");
        Event("invalid UTF-8 in a value", "rejected:MalformedJson", _ => InvalidUtf8InDescription());
        Raw("JSON array", "rejected:NotAnObject", "[{\"specversion\":\"1.0\"}]");
        Raw("JSON string", "rejected:NotAnObject", "\"payment.requested.v1\"");
        Raw("JSON null", "rejected:NotAnObject", "null");
        Raw("JSON number", "rejected:NotAnObject", "42");
        Raw("nested 200 deep", "rejected:MalformedJson", new string('[', 200) + new string(']', 200));
        Event("duplicate properties", "rejected:MalformedJson", _ =>
            Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Events.PaymentRequested(Msn, Events.NewReference("bad"), 10_000)).Replace("\"specversion\":\"1.0\"", "\"specversion\":\"1.0\",\"specversion\":\"1.0\"", StringComparison.Ordinal)));
        Mutated("100 KB description", "rejected:TooLarge", j => j["data"]!["paymentDescription"] = new string('A', 100_000));
        Event("10 MB of spaces", "rejected:TooLarge", _ => Encoding.UTF8.GetBytes(new string(' ', 10 * 1024 * 1024)));

        // --- the envelope
        Mutated("specversion 0.3", "rejected:UnsupportedSpecVersion", j => j["specversion"] = "0.3");
        Mutated("specversion missing", "rejected:MissingField", j => j.Remove("specversion"));
        Mutated("specversion as number", "rejected:WrongType", j => j["specversion"] = 1.0);
        Mutated("id missing", "rejected:MissingField", j => j.Remove("id"));
        Mutated("id empty", "rejected:InvalidValue", j => j["id"] = string.Empty);
        Mutated("id 300 characters", "rejected:InvalidValue", j => j["id"] = new string('i', 300));
        Mutated("id as object", "rejected:WrongType", j => j["id"] = new JsonObject { ["x"] = 1 });
        Mutated("source missing", "rejected:MissingField", j => j.Remove("source"));
        Mutated("type missing", "rejected:MissingField", j => j.Remove("type"));
        Mutated("unknown type", "rejected:UnknownType", j => j["type"] = "payment.stolen.v1");
        Mutated("outgoing type sent as incoming", "rejected:UnknownType", j => j["type"] = "payment.captured.v1");
        Mutated("type as number", "rejected:WrongType", j => j["type"] = 7);
        Mutated("time missing", "rejected:MissingField", j => j.Remove("time"));
        Mutated("time not RFC 3339", "rejected:InvalidValue", j => j["time"] = "yesterday at noon");
        Mutated("data missing", "rejected:MissingField", j => j.Remove("data"));
        Mutated("data as string", "rejected:NotAnObject", j => j["data"] = "{\"msn\":\"123456\"}");

        // --- text that lies to people or terminals
        Event("lone surrogate in a description", "rejected:InvalidText", _ => Encoding.UTF8.GetBytes(
            Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(NewPayment(Events.NewReference("bad")))).Replace("\"paymentDescription\":\"", "\"paymentDescription\":\"\\ud800", StringComparison.Ordinal)));
        Mutated("right-to-left override in a description", "rejected:InvalidText", j => Data(j)["paymentDescription"] = "Order \u202E0001 kr");
        Mutated("zero-width space in a description", "rejected:InvalidText", j => Data(j)["paymentDescription"] = "Or\u200Bder");
        Mutated("terminal escape in a property name", "rejected:InvalidText", j => Data(j)["\u001b[2J\rname"] = 1);

        // --- fields of data: types, patterns, injections
        Mutated("msn missing", "rejected:MissingField", j => Data(j).Remove("msn"));
        Mutated("msn with letters", "rejected:InvalidValue", j => Data(j)["msn"] = "12ab56");
        Mutated("msn as number", "rejected:WrongType", j => Data(j)["msn"] = 123456);
        Mutated("msn too long", "rejected:InvalidValue", j => Data(j)["msn"] = "1234567890");
        Mutated("reference too short", "rejected:InvalidValue", j => Data(j)["reference"] = "abc");
        Mutated("reference path traversal", "rejected:InvalidValue", j => Data(j)["reference"] = "../../payments/other-order");
        Mutated("reference OData injection", "rejected:InvalidValue", j => Data(j)["reference"] = "x' or PartitionKey ne 'y");
        Mutated("reference with a row-key separator", "rejected:InvalidValue", j => Data(j)["reference"] = "order|S|payment:victim");
        Mutated("unknown data field", "rejected:UnknownField", j => Data(j)["amout"] = 100);
        Mutated("userFlow unknown", "rejected:InvalidValue", j => Data(j)["userFlow"] = "TELEPATHY");
        Mutated("returnUrl javascript:", "rejected:InvalidValue", j => Data(j)["returnUrl"] = "javascript:alert(document.cookie)");
        Mutated("WEB_REDIRECT without returnUrl", "rejected:BusinessRule", j => Data(j).Remove("returnUrl"));
        Mutated("PUSH_MESSAGE without phone", "rejected:BusinessRule", j => Data(j)["userFlow"] = "PUSH_MESSAGE");

        // --- amounts and currencies
        Mutated("negative amount", "rejected:InvalidValue", j => Amount(j)["value"] = -10_000);
        Mutated("zero amount", "rejected:BusinessRule", j => Amount(j)["value"] = 0);
        Mutated("below the NOK minimum", "rejected:BusinessRule", j => Amount(j)["value"] = 99);
        Mutated("amount 1e30", "rejected:WrongType", j => Amount(j)["value"] = JsonNode.Parse("1e30"));
        Mutated("amount beyond Int64", "rejected:WrongType", j => Amount(j)["value"] = JsonNode.Parse("9223372036854775808"));
        Mutated("amount fractional", "rejected:WrongType", j => Amount(j)["value"] = 100.5);
        Mutated("amount as string", "rejected:WrongType", j => Amount(j)["value"] = "10000");
        Mutated("amount as bare number", "rejected:NotAnObject", j => Data(j)["amount"] = 10_000);
        Mutated("currency SEK", "rejected:InvalidValue", j => Amount(j)["currency"] = "SEK");
        Mutated("currency lower case", "rejected:InvalidValue", j => Amount(j)["currency"] = "nok");
        Mutated("currency of another market", "rejected:CurrencyMismatch", j => Amount(j)["currency"] = "EUR");
        Mutated("capture amount zero", "rejected:InvalidValue", j => Amount(j)["value"] = 0, r => Capture(r, "cap-1", 100));
        Mutated("capture id with spaces", "rejected:InvalidValue", j => Data(j)["captureId"] = "cap 1; drop table", r => Capture(r, "cap-1", 100));

        // --- who may act for whom
        Mutated("MSN not registered", "rejected:UnknownSalesUnit", j => Data(j)["msn"] = SimulatorDefaults.UnlinkedMsn);
        Mutated("MSN unknown anywhere", "rejected:UnknownSalesUnit", j => Data(j)["msn"] = "4321");
        Mutated("sales unit disabled", "rejected:SalesUnitDisabled", j =>
        {
            Data(j)["msn"] = SimulatorDefaults.DenmarkMsn;
            Amount(j)["currency"] = "DKK";
        });
        Mutated("forged source", "rejected:SourceNotBound", j => j["source"] = "webshop/mallory");
        Mutated("source of another merchant", "rejected:SourceNotBound", j =>
        {
            Data(j)["msn"] = SimulatorDefaults.FinlandMsn;
            Amount(j)["currency"] = "EUR";
        });
        Mutated("source differing in case", "rejected:SourceNotBound", j => j["source"] = "WEBSHOP/ACME");
        Mutated("disabled sales unit of another source", "rejected:SourceNotBound", j => Data(j)["msn"] = BadInputFixture.ForeignDisabledMsn);
        Mutated("subject naming another sales unit", "rejected:InvalidValue", j => j["subject"] = SimulatorDefaults.FinlandMsn + "/order-1");
        Event("payment request on the refund queue", "rejected:WrongQueue",
            _ => Events.PaymentRequested(Msn, Events.NewReference("bad"), 10_000), channel: Channel.RefundRequests);

        // --- replays and operations the saga must refuse
        Event("replayed event id", "duplicate", f => Events.PaymentRequested(Msn, f.Reference, BadInputFixture.Authorized, id: f.RequestEventId));
        Event("replayed id with a tampered body", "duplicate", f => Events.PaymentRequested(Msn, f.Reference, 999_999, id: f.RequestEventId));
        Event("reference reused with other details", "rejected:reference-already-used",
            f => Events.PaymentRequested(Msn, f.Reference, 20_000), Allowed.RefusalInTimeline);
        Event("capture of an unknown payment", "rejected:unknown-payment", _ => Events.CaptureRequested(Msn, Events.NewReference("bad"), "cap-1", 1_000));
        Event("cancel of an unknown payment", "rejected:unknown-payment", _ => JsonSerializer.SerializeToUtf8Bytes(Cancel(Events.NewReference("bad"))));
        Event("refund of an unknown payment", "rejected:unknown-payment", _ => Events.RefundRequested(Msn, Events.NewReference("bad"), "ret-9", 100), channel: Channel.RefundRequests);
        Event("capture above what remains", "rejected:capture-exceeds-remaining",
            f => Events.CaptureRequested(Msn, f.Reference, "cap-big", BadInputFixture.Authorized), Allowed.RefusalInTimeline);
        Event("capture id reused for another amount", "rejected:capture-id-reused",
            f => Events.CaptureRequested(Msn, f.Reference, "ship-1", 3_000), Allowed.RefusalInTimeline);
        Event("refund above what was captured", "rejected:refund-exceeds-captured",
            f => Events.RefundRequested(Msn, f.Reference, "ret-big", 5_000), Allowed.RefusalInTimeline, Channel.RefundRequests);
        Event("refund id reused for another amount", "rejected:refund-id-reused",
            f => Events.RefundRequested(Msn, f.Reference, "ret-1", 400), Allowed.RefusalInTimeline, Channel.RefundRequests);
        Mutated("charge due in the past", "rejected:BusinessRule", j => Data(j)["due"] = "2020-01-01",
            _ => JsonNode.Parse(Encoding.UTF8.GetString(Events.ChargeRequested(Msn, "charge-bad-1", "agr-unknown", 10_000, new DateOnly(2030, 1, 1))))!.AsObject());
        Mutated("VARIABLE pricing without a maximum", "rejected:BusinessRule", j => Data(j)["pricing"] = new JsonObject { ["type"] = "VARIABLE", ["currency"] = "NOK" },
            _ => JsonNode.Parse(Encoding.UTF8.GetString(Events.AgreementRequested(Msn, "sub-bad-1", 10_000)))!.AsObject());

        // --- webhooks: forged, stale, tampered, unroutable
        void Hook(string name, string expected, Func<BadInputFixture, BadInputRequest> build) =>
            cases.Add(new BadInputCase(name, Channel.Webhook, expected, Allowed.Nothing, build));
        Hook("webhook without signature headers", "unauthorized:Missing header", f => new BadInputRequest(PaymentHook(f.Reference)));
        Hook("webhook signed with the wrong secret", "unauthorized:does not carry the expected HMAC", f => Signed(f, PaymentHook(f.Reference), secret: "guessed-secret"));
        Hook("webhook body tampered after signing", "unauthorized:x-ms-content-sha256 does not match", f =>
        {
            var signed = Signed(f, PaymentHook(f.Reference));
            return signed with { Body = PaymentHook(f.Reference, "epayments.payment.captured.v1") };
        });
        Hook("webhook replayed an hour later", "unauthorized:away from now", f => Signed(f, PaymentHook(f.Reference), at: f.Harness.Clock.GetUtcNow().AddHours(-1)));
        Hook("webhook dated in the future", "unauthorized:away from now", f => Signed(f, PaymentHook(f.Reference), at: f.Harness.Clock.GetUtcNow().AddHours(1)));
        Hook("webhook with a garbage date", "unauthorized:not an RFC 1123 date", f => Signed(f, PaymentHook(f.Reference)) with { Date = "yesterday" });
        Hook("webhook signed for another host", "unauthorized:does not carry the expected HMAC", f => Signed(f, PaymentHook(f.Reference), url: new Uri("https://attacker.example/api/vipps/webhooks")));
        Hook("webhook with a malformed Authorization", "unauthorized:does not carry the expected HMAC", f => Signed(f, PaymentHook(f.Reference)) with { Authorization = "Bearer letmein" });
        Hook("signed webhook that is not JSON", "malformed:not valid JSON", f => Signed(f, Encoding.UTF8.GetBytes("<xml>capture</xml>")));
        Hook("signed webhook with a property given twice", "malformed:not valid JSON", f => Signed(f, Encoding.UTF8.GetBytes(
            $$"""{"msn":"{{SagaHarness.Msn}}","reference":"{{f.Reference}}","name":"epayments.payment.captured.v1","name":"epayments.payment.captured.v1"}""")));
        Hook("signed webhook for an unknown reference", "ignored:no saga", f => Signed(f, PaymentHook(Events.NewReference("bad"))));
        Hook("signed webhook without an msn", "ignored:names no saga", f => Signed(f, JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["reference"] = f.Reference, ["name"] = "epayments.payment.captured.v1" })));
        Hook("signed webhook for another merchant", "ignored:no saga", f => Signed(f, PaymentHook(f.Reference, msn: SimulatorDefaults.FinlandMsn)));
        return cases;
    }

    private static JsonObject NewPayment(string reference) =>
        JsonNode.Parse(Encoding.UTF8.GetString(Events.PaymentRequested(Msn, reference, 10_000)))!.AsObject();

    private static JsonObject Capture(string reference, string captureId, long amount) =>
        JsonNode.Parse(Encoding.UTF8.GetString(Events.CaptureRequested(Msn, reference, captureId, amount)))!.AsObject();

    private static JsonObject Cancel(string reference)
    {
        var json = Capture(reference, "x", 1);
        json["type"] = "payment.cancel-requested.v1";
        json["data"] = new JsonObject { ["msn"] = Msn, ["reference"] = reference };
        return json;
    }

    /// <summary>A valid payment request whose description holds the bytes C3 28 (an invalid UTF-8 sequence).</summary>
    internal static byte[] InvalidUtf8InDescription()
    {
        var bytes = Events.PaymentRequested(Msn, Events.NewReference("bad"), 10_000);
        var marker = Encoding.UTF8.GetBytes("Order ");
        var at = bytes.AsSpan().IndexOf(marker);
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        return bytes;
    }

    private static JsonObject Data(JsonObject envelope) => envelope["data"]!.AsObject();

    private static JsonObject Amount(JsonObject envelope) => Data(envelope)["amount"]!.AsObject();

    private static byte[] PaymentHook(string reference, string name = "epayments.payment.authorized.v1", string msn = Msn) =>
        JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["msn"] = msn,
            ["reference"] = reference,
            ["pspReference"] = "psp-1",
            ["name"] = name,
            ["amount"] = new JsonObject { ["currency"] = "NOK", ["value"] = 10_000 },
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["success"] = true,
        });

    private static BadInputRequest Signed(BadInputFixture f, byte[] body, string secret = BadInputFixture.WebhookSecret, DateTimeOffset? at = null, Uri? url = null)
    {
        var (date, hash, authorization) = WebhookSignature.Sign(body, url ?? BadInputFixture.WebhookUrl, at ?? f.Harness.Clock.GetUtcNow(), secret);
        return new BadInputRequest(body, date, hash, authorization);
    }
}
