using PaymentOrchestrator.Vipps.Errors;

namespace PaymentOrchestrator.Vipps.Tests.Errors;

public class VippsApiExceptionTests
{
    [Fact]
    public void an_epayment_problem_gives_type_title_detail_trace_id_and_error_code()
    {
        var problem = ProblemParser.Parse("""
            {"type":"https://developer.vippsmobilepay.com/docs/APIs/epayment-api/problems#capture","title":"Cannot capture before reservation",
             "detail":"The customer has not approved the payment.","status":400,"traceId":"00-abc-def-01",
             "extraDetails":[{"name":"ErrorCode","reason":"6080"}]}
            """);

        var e = new VippsApiException("epayment.capture", "123456", 400, problem);

        Assert.Equal(400, e.Status);
        Assert.Equal("6080", e.ErrorCode);
        Assert.Equal("00-abc-def-01", e.TraceId);
        Assert.Equal("Cannot capture before reservation", e.Title);
        Assert.True(e.IsProblemResponse);
        Assert.False(e.IsTransient);
        Assert.Contains("epayment.capture for MSN 123456 failed with 400", e.Message, StringComparison.Ordinal);
        Assert.Contains("error code 6080", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_recurring_error_gives_context_id_and_field_details()
    {
        var problem = ProblemParser.Parse("""
            {"type":"https://developer.vippsmobilepay.com/docs/APIs/recurring-api/recurring-api-problems#validation-error","title":"Bad Request",
             "status":400,"detail":"Input validation failed","instance":"/v3/agreements","contextId":"f70b8bf7-c843-4bea-95d9-94725b19895f",
             "extraDetails":[{"field":"productName","text":"must not be empty"}]}
            """);

        var e = new VippsApiException("recurring.agreement.create", "123456", 400, problem);

        Assert.Equal("f70b8bf7-c843-4bea-95d9-94725b19895f", e.ContextId);
        Assert.Equal("/v3/agreements", e.Instance);
        Assert.Equal(new VippsProblemDetail("productName", "must not be empty"), Assert.Single(e.ExtraDetails));
        Assert.Null(e.ErrorCode);
    }

    [Theory]
    [InlineData("""{"statusCode":429,"message":"Rate limit is exceeded. Try again in 1 seconds."}""", "Rate limit is exceeded. Try again in 1 seconds.")]
    [InlineData("""{"statusCode":401,"message":"Access denied due to invalid subscription key."}""", "Access denied due to invalid subscription key.")]
    [InlineData("""{"responseInfo":{"responseCode":401,"responseMessage":"Unauthorized"},"result":{"message":"APIM says no"}}""", "APIM says no")]
    [InlineData("<html><body>502 Bad Gateway</body></html>", "<html><body>502 Bad Gateway</body></html>")]
    public void gateway_answers_that_are_not_problem_json_are_still_read(string body, string detail)
    {
        var problem = ProblemParser.Parse(body);

        Assert.False(problem.IsProblemJson);
        Assert.Equal(detail, problem.Detail);
        Assert.Contains("not a Vipps problem response", new VippsApiException("epayment.get", "123456", 429, problem).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(408, true)]
    [InlineData(423, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    public void transient_statuses_are_5xx_408_423_and_429(int status, bool transient) =>
        Assert.Equal(transient, new VippsApiException("epayment.capture", "123456", status, new VippsProblem()).IsTransient);

    [Theory]
    [InlineData("6160", true)]
    [InlineData("6280", true)]
    [InlineData("6080", false)]
    [InlineData("4150", false)]
    public void order_processing_and_capture_failed_codes_are_transient(string code, bool transient)
    {
        var problem = new VippsProblem { ExtraDetails = [new VippsProblemDetail("ErrorCode", code)], IsProblemJson = true };

        Assert.Equal(transient, new VippsApiException("epayment.capture", "123456", 400, problem).IsTransient);
    }

    [Fact]
    public void no_answer_is_transient_and_says_a_retry_with_the_same_key_is_safe()
    {
        var e = new VippsApiException("epayment.capture", "123456", "network error: connection reset", new HttpRequestException("reset"));

        Assert.True(e.IsTransient);
        Assert.Null(e.Status);
        Assert.Contains("same idempotency key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void an_empty_body_gives_an_empty_problem() => Assert.Null(ProblemParser.Parse("").Detail);
}
