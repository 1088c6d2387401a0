using System.Text;
using System.Text.Json.Nodes;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Tests.Support;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.Tests.Contracts;

public class IncomingEventParserTests
{
    private const int Limit = 64 * 1024;

    public static TheoryData<string> Types => new(EventSamples.Types);

    private static ParseResult Parse(string json) => IncomingEventParser.Parse(Encoding.UTF8.GetBytes(json), Limit);

    private static Rejected Rejects(string json, RejectionCode code, string messagePart)
    {
        var rejected = Assert.IsType<Rejected>(Parse(json));
        Assert.Equal(code, rejected.Code);
        Assert.Contains(messagePart, rejected.Message, StringComparison.Ordinal);
        return rejected;
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void a_valid_event_of_each_type_parses_with_its_envelope(string type)
    {
        var parsed = Assert.IsType<Parsed>(Parse(EventSamples.Json(type)));

        Assert.Equal(type, parsed.Event.Envelope.Type);
        Assert.Equal("evt-0001", parsed.Event.Envelope.Id);
        Assert.Equal("webshop/acme", parsed.Event.Source);
        Assert.Equal("123456", parsed.Event.Msn.Value);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero), parsed.Event.Envelope.Time);
    }

    [Fact]
    public void a_payment_request_parses_into_typed_data()
    {
        var parsed = Assert.IsType<Parsed>(Parse(EventSamples.Json(IncomingEventTypes.PaymentRequested)));

        var data = Assert.IsType<PaymentRequested>(parsed.Event.Data);
        Assert.Equal(new Money(10_000, Currency.NOK), data.Amount);
        Assert.Equal(UserFlow.WebRedirect, data.UserFlow);
        Assert.Equal(SagaKey.Payment(data.Msn, data.Reference), parsed.Event.SagaKey);
        Assert.Equal(Currency.NOK, parsed.Event.Currency);
    }

    [Fact]
    public void a_profile_scope_is_held_in_vipps_order_and_is_optional()
    {
        var scoped = EventSamples.WithData(IncomingEventTypes.PaymentRequested, d => d["profileScope"] = new JsonArray("birthDate", "address", "name"));
        var data = Assert.IsType<PaymentRequested>(Assert.IsType<Parsed>(Parse(scoped)).Event.Data);
        Assert.Equal("name address birthDate", data.ProfileScope!.Value.Value);

        var agreement = Assert.IsType<AgreementRequested>(Assert.IsType<Parsed>(Parse(EventSamples.Json(IncomingEventTypes.AgreementRequested))).Event.Data);
        Assert.Equal("email", agreement.ProfileScope!.Value.Value);

        var unscoped = EventSamples.WithData(IncomingEventTypes.PaymentRequested, d => d.Remove("profileScope"));
        Assert.Null(Assert.IsType<PaymentRequested>(Assert.IsType<Parsed>(Parse(unscoped)).Event.Data).ProfileScope);
    }

    [Theory]
    [InlineData(IncomingEventTypes.PaymentRequested, "openid")]
    [InlineData(IncomingEventTypes.PaymentRequested, "nin")]
    [InlineData(IncomingEventTypes.AgreementRequested, "Name")]
    [InlineData(IncomingEventTypes.AgreementRequested, "accountNumbers")]
    public void a_profile_scope_asking_for_anything_else_is_refused_with_its_own_code(string type, string claim)
    {
        var json = EventSamples.WithData(type, d => d["profileScope"] = new JsonArray("name", claim));

        var rejected = Rejects(json, RejectionCode.UnknownProfileScope, $"data.profileScope asks for '{claim}'");
        Assert.Contains("name, email, phoneNumber, address, birthDate", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_profile_scope_must_name_each_claim_once_and_at_least_one()
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.PaymentRequested, d => d["profileScope"] = new JsonArray("name", "name")),
            RejectionCode.InvalidValue, "each claim once");
        Rejects(EventSamples.WithData(IncomingEventTypes.PaymentRequested, d => d["profileScope"] = new JsonArray()),
            RejectionCode.InvalidValue, "at least one claim");
        Rejects(EventSamples.WithData(IncomingEventTypes.PaymentRequested, d => d["profileScope"] = "name"),
            RejectionCode.WrongType, "must be an array of claims");
    }

    [Fact]
    public void a_charge_request_parses_due_date_retry_days_and_transaction_type()
    {
        var data = Assert.IsType<ChargeRequested>(Assert.IsType<Parsed>(Parse(EventSamples.Json(IncomingEventTypes.ChargeRequested))).Event.Data);

        Assert.Equal(new DateOnly(2026, 3, 10), data.Due);
        Assert.Equal(3, data.RetryDays);
        Assert.Equal(ChargeTransactionType.ReserveCapture, data.TransactionType);
        Assert.Equal("agr_5kSeqz", data.AgreementId);
    }

    [Fact]
    public void an_agreement_request_parses_pricing_interval_and_initial_charge()
    {
        var data = Assert.IsType<AgreementRequested>(Assert.IsType<Parsed>(Parse(EventSamples.Json(IncomingEventTypes.AgreementRequested))).Event.Data);

        Assert.Equal(new AgreementPricing(PricingType.Legacy, Currency.NOK, 29_900, null), data.Pricing);
        Assert.Equal(new AgreementInterval(IntervalUnit.Month, 1), data.Interval);
        Assert.Equal(ChargeTransactionType.DirectCapture, data.InitialCharge!.TransactionType);
    }

    [Fact]
    public void a_message_over_the_size_limit_is_rejected_before_parsing()
    {
        var json = EventSamples.Json(IncomingEventTypes.PaymentCancelRequested);
        var rejected = Assert.IsType<Rejected>(IncomingEventParser.Parse(Encoding.UTF8.GetBytes(json), 50));

        Assert.Equal(RejectionCode.TooLarge, rejected.Code);
        Assert.Contains("limit is 50", rejected.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("{\"id\":1,}")]
    public void malformed_json_is_rejected(string json)
    {
        Assert.Equal(RejectionCode.MalformedJson, Assert.IsType<Rejected>(Parse(json)).Code);
    }

    [Fact]
    public void invalid_utf8_even_inside_a_property_name_is_rejected_as_malformed()
    {
        byte[] body = [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D]; // {"\xC3(":1}

        var rejected = Assert.IsType<Rejected>(IncomingEventParser.Parse(body, 1024));

        Assert.Equal(RejectionCode.MalformedJson, rejected.Code);
        Assert.Contains("UTF-8", rejected.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"id\":\"a\\ud800b\"}", "lone surrogate")]
    [InlineData("{\"id\":\"a\\u001b[31m\"}", "control character")]
    [InlineData("{\"id\":\"a\u202Eb\"}", "bidirectional control character (U+202E)")]
    [InlineData("{\"id\":\"a\u2067b\"}", "bidirectional control character (U+2067)")]
    [InlineData("{\"id\":\"a\u200Bb\"}", "invisible character")]
    [InlineData("{\"a\\u001bb\":1}", "$ property 0's name holds a control character")]
    [InlineData("{\"data\":{\"reason\":[\"ok\",\"\\ud83d\"]}}", "$.data.reason[1] holds a lone surrogate")]
    public void text_that_lies_to_people_or_terminals_is_refused_with_its_path_and_code_point(string json, string expected)
    {
        Rejects(json, RejectionCode.InvalidText, expected);
    }

    [Fact]
    public void emoji_with_joiners_and_any_script_are_plain_text()
    {
        Assert.Null(PlainText.Refusal("Retur 👨‍👩‍👧 æøå ЖЖ 日本 עברית", "$.reason"));
        Assert.Equal("a\\u202Eb", PlainText.Escape("a\u202Eb"));
    }

    [Fact]
    public void a_subject_that_names_another_sales_unit_than_data_msn_is_refused()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(EventSamples.Json(IncomingEventTypes.PaymentRequested))!.AsObject();
        json["subject"] = "999999/order-1";

        Rejects(json.ToJsonString(), RejectionCode.InvalidValue, "$.subject names sales unit 999999");
    }

    [Fact]
    public void duplicate_properties_are_rejected_as_malformed()
    {
        Rejects("{\"id\":\"a\",\"id\":\"b\"}", RejectionCode.MalformedJson, "not valid JSON");
    }

    [Fact]
    public void json_nested_too_deeply_is_rejected_as_malformed()
    {
        Rejects(new string('[', 100) + new string(']', 100), RejectionCode.MalformedJson, "depth");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("\"event\"")]
    public void a_document_that_is_not_an_object_is_rejected(string json)
    {
        Rejects(json, RejectionCode.NotAnObject, "must be a JSON object");
    }

    [Theory]
    [InlineData("specversion")]
    [InlineData("id")]
    [InlineData("source")]
    [InlineData("type")]
    [InlineData("time")]
    [InlineData("data")]
    public void a_missing_envelope_field_is_named(string field)
    {
        Rejects(EventSamples.With(IncomingEventTypes.PaymentCancelRequested, e => e.Remove(field)), RejectionCode.MissingField, $"$.{field} is required");
    }

    [Fact]
    public void another_cloudevents_version_is_rejected()
    {
        Rejects(EventSamples.With(IncomingEventTypes.PaymentCancelRequested, e => e["specversion"] = "0.3"), RejectionCode.UnsupportedSpecVersion, "\"0.3\"");
    }

    [Fact]
    public void an_unknown_type_is_rejected_with_the_accepted_ones()
    {
        var rejected = Rejects(EventSamples.With(IncomingEventTypes.PaymentCancelRequested, e => e["type"] = "payment.teleport.v1"), RejectionCode.UnknownType, "payment.teleport.v1");
        Assert.Contains("payment.requested.v1", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void an_envelope_field_of_the_wrong_type_is_rejected()
    {
        Rejects(EventSamples.With(IncomingEventTypes.PaymentCancelRequested, e => e["id"] = 17), RejectionCode.WrongType, "$.id must be a string, got the number 17");
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-03-02")]
    [InlineData("2026-03-02T10:00:00")]
    [InlineData("2026-13-02T10:00:00Z")]
    public void a_time_that_is_not_rfc3339_is_rejected(string time)
    {
        Rejects(EventSamples.With(IncomingEventTypes.PaymentCancelRequested, e => e["time"] = time), RejectionCode.InvalidValue, "$.time");
    }

    [Fact]
    public void data_that_is_not_an_object_is_rejected()
    {
        Rejects(EventSamples.With(IncomingEventTypes.PaymentCancelRequested, e => e["data"] = "msn=123456"), RejectionCode.NotAnObject, "$.data must be an object");
    }

    [Fact]
    public void a_content_type_other_than_json_is_rejected()
    {
        Rejects(EventSamples.With(IncomingEventTypes.PaymentCancelRequested, e => e["datacontenttype"] = "text/xml"), RejectionCode.InvalidValue, "$.datacontenttype");
    }

    [Fact]
    public void a_cloudevents_extension_attribute_is_tolerated()
    {
        Assert.IsType<Parsed>(Parse(EventSamples.With(IncomingEventTypes.PaymentCancelRequested, e => e["traceparent"] = "00-abc-def-01")));
    }

    [Fact]
    public void a_missing_data_field_is_named_by_its_path()
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.PaymentCaptureRequested, d => d.Remove("captureId")), RejectionCode.MissingField, "data.captureId is required");
    }

    [Fact]
    public void an_unknown_data_field_is_rejected_so_typos_surface()
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.PaymentRequested, d => d["retrunUrl"] = "https://x.example"), RejectionCode.UnknownField, "data.retrunUrl");
    }

    [Theory]
    [InlineData("123")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public void an_msn_that_is_not_four_to_six_digits_is_rejected(string msn)
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.PaymentCancelRequested, d => d["msn"] = msn), RejectionCode.InvalidValue, "data.msn");
    }

    [Theory]
    [InlineData("short")]
    [InlineData("order_10001")]
    [InlineData("order 10001")]
    public void a_reference_outside_the_pattern_is_rejected(string reference)
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.PaymentCancelRequested, d => d["reference"] = reference), RejectionCode.InvalidValue, "data.reference");
    }

    [Fact]
    public void an_amount_given_as_a_string_is_rejected()
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.PaymentCaptureRequested, d => d["amount"]!["value"] = "4000"), RejectionCode.WrongType, "data.amount.value must be an integer, got a string");
    }

    [Fact]
    public void an_amount_with_decimals_is_rejected()
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.PaymentCaptureRequested, d => d["amount"]!["value"] = 40.5), RejectionCode.WrongType, "data.amount.value must be an integer");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65_000_001)]
    public void an_amount_outside_zero_to_sixty_five_million_is_rejected(long value)
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.PaymentRequested, d => d["amount"]!["value"] = value), RejectionCode.InvalidValue, "data.amount.value must be 0 to 65000000");
    }

    [Fact]
    public void a_capture_of_zero_is_rejected()
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.PaymentCaptureRequested, d => d["amount"]!["value"] = 0), RejectionCode.InvalidValue, "data.amount.value must be 1 to");
    }

    [Theory]
    [InlineData("SEK")]
    [InlineData("nok")]
    public void an_unsupported_currency_is_rejected(string currency)
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.PaymentCaptureRequested, d => d["amount"]!["currency"] = currency), RejectionCode.InvalidValue, "data.amount.currency must be one of NOK, DKK, EUR");
    }

    [Fact]
    public void a_nok_payment_below_one_krone_breaks_a_business_rule()
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.PaymentRequested, d => d["amount"]!["value"] = 99), RejectionCode.BusinessRule, "at least 100 for NOK");
    }

    [Fact]
    public void a_web_redirect_without_return_url_breaks_a_business_rule()
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.PaymentRequested, d => d.Remove("returnUrl")), RejectionCode.BusinessRule, "data.returnUrl is required when data.userFlow is WEB_REDIRECT");
    }

    [Fact]
    public void a_push_message_without_phone_number_breaks_a_business_rule()
    {
        Rejects(
            EventSamples.WithData(IncomingEventTypes.PaymentRequested, d => { d["userFlow"] = "PUSH_MESSAGE"; d.Remove("customerPhoneNumber"); }),
            RejectionCode.BusinessRule,
            "data.customerPhoneNumber is required");
    }

    [Theory]
    [InlineData(IncomingEventTypes.PaymentRequested, "\"+4791234567\"", RejectionCode.InvalidValue)]
    [InlineData(IncomingEventTypes.PaymentRequested, "4791234567", RejectionCode.WrongType)]
    [InlineData(IncomingEventTypes.AgreementRequested, "\"47 91 23 45 67\"", RejectionCode.InvalidValue)]
    [InlineData(IncomingEventTypes.AgreementRequested, "4791234567", RejectionCode.WrongType)]
    public void a_malformed_phone_number_is_refused_without_repeating_it(string type, string phoneJson, RejectionCode code)
    {
        var refused = Rejects(
            EventSamples.WithData(type, d => d["customerPhoneNumber"] = System.Text.Json.Nodes.JsonNode.Parse(phoneJson)),
            code,
            "data.customerPhoneNumber must");

        Assert.DoesNotContain("91", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("4791234567", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void an_unknown_user_flow_is_rejected()
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.PaymentRequested, d => d["userFlow"] = "TELEPATHY"), RejectionCode.InvalidValue, "data.userFlow must be one of");
    }

    [Fact]
    public void a_charge_due_less_than_two_days_after_the_event_breaks_a_business_rule()
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.ChargeRequested, d => d["due"] = "2026-03-03"), RejectionCode.BusinessRule, "2026-03-04 or later");
    }

    [Fact]
    public void the_minimum_due_days_is_injectable()
    {
        var json = Encoding.UTF8.GetBytes(EventSamples.WithData(IncomingEventTypes.ChargeRequested, d => d["due"] = "2026-03-03"));

        Assert.IsType<Parsed>(IncomingEventParser.Parse(json, Limit, new IncomingEventRules { MinimumDueDays = 1 }));
    }

    [Fact]
    public void a_charge_due_more_than_two_years_ahead_breaks_a_business_rule()
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.ChargeRequested, d => d["due"] = "2028-03-03"), RejectionCode.BusinessRule, "at most 2 years");
    }

    [Theory]
    [InlineData("10-03-2026")]
    [InlineData("2026-02-30")]
    public void a_due_date_that_is_not_a_calendar_date_is_rejected(string due)
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.ChargeRequested, d => d["due"] = due), RejectionCode.InvalidValue, "data.due");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(15)]
    public void retry_days_outside_zero_to_fourteen_are_rejected(int retryDays)
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.ChargeRequested, d => d["retryDays"] = retryDays), RejectionCode.InvalidValue, "data.retryDays must be 0 to 14");
    }

    [Theory]
    [InlineData("")]
    [InlineData("This description is far too long for the app!!!")]
    public void a_charge_description_outside_one_to_forty_five_characters_is_rejected(string description)
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.ChargeRequested, d => d["description"] = description), RejectionCode.InvalidValue, "data.description must be 1 to 45 characters");
    }

    [Fact]
    public void a_charge_below_one_hundred_minor_units_is_rejected()
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.ChargeRequested, d => d["amount"]!["value"] = 99), RejectionCode.InvalidValue, "data.amount.value must be 100 to");
    }

    [Fact]
    public void an_unknown_transaction_type_is_rejected()
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.ChargeRequested, d => d["transactionType"] = "CAPTURE_LATER"), RejectionCode.InvalidValue, "data.transactionType");
    }

    [Fact]
    public void legacy_pricing_without_an_amount_breaks_a_business_rule()
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.AgreementRequested, d => d["pricing"]!.AsObject().Remove("amount")), RejectionCode.BusinessRule, "LEGACY needs data.pricing.amount");
    }

    [Fact]
    public void variable_pricing_above_the_market_maximum_breaks_a_business_rule()
    {
        Rejects(
            EventSamples.WithData(IncomingEventTypes.AgreementRequested, d => d["pricing"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "VARIABLE", ["currency"] = "EUR", ["suggestedMaxAmount"] = 200_001 }),
            RejectionCode.BusinessRule,
            "at most 200000 for EUR");
    }

    [Fact]
    public void an_initial_charge_in_another_currency_breaks_a_business_rule()
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.AgreementRequested, d => d["initialCharge"]!["amount"]!["currency"] = "DKK"), RejectionCode.BusinessRule, "pricing currency NOK");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    public void an_interval_count_outside_one_to_thirty_one_is_rejected(int count)
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.AgreementRequested, d => d["interval"]!["count"] = count), RejectionCode.InvalidValue, "data.interval.count must be 1 to 31");
    }

    [Fact]
    public void a_url_that_is_not_http_is_rejected()
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.AgreementRequested, d => d["merchantRedirectUrl"] = "javascript:alert(1)"), RejectionCode.InvalidValue, "data.merchantRedirectUrl");
    }

    [Fact]
    public void null_for_an_optional_field_is_rejected_as_the_wrong_type()
    {
        Rejects(EventSamples.WithData(IncomingEventTypes.PaymentRequested, d => d["paymentDescription"] = null), RejectionCode.WrongType, "got null");
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("{\"specversion\":\"1.0\",\"data\":{\"a\":1e400}}")]
    [InlineData("{\"specversion\":1.0}")]
    [InlineData("\uFEFF{}")]
    public void odd_inputs_are_rejected_without_an_exception(string json)
    {
        Assert.IsType<Rejected>(Parse(json));
    }

    [Fact]
    public void invalid_utf8_is_rejected_without_an_exception()
    {
        Assert.IsType<Rejected>(IncomingEventParser.Parse(new byte[] { 0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D }, Limit));
    }
}
