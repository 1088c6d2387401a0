using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Orchestration.Intake;

namespace PaymentOrchestrator.Api.Tests;

/// <summary>How a refusal becomes an HTTP answer.</summary>
public sealed class ProblemsTests
{
    [Fact]
    public async Task too_many_operations_in_flight_is_429_with_retry_after_and_the_sagas_reason()
    {
        var context = await ExecuteAsync(Problems.Rejected(OperationLimits.InFlightCode, "25 captures and refunds are in flight; retry shortly."));

        Assert.Equal(StatusCodes.Status429TooManyRequests, context.Response.StatusCode);
        Assert.Equal(((int)OperationLimits.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), context.Response.Headers.RetryAfter.ToString());
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.Contains(OperationLimits.InFlightCode, body, StringComparison.Ordinal);
        Assert.Contains("25 captures and refunds are in flight", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_refusal_by_the_payments_state_is_409_without_retry_after()
    {
        var context = await ExecuteAsync(Problems.Rejected("refund-id-reused", "Refund id 'r-1' was already used."));

        Assert.Equal(StatusCodes.Status409Conflict, context.Response.StatusCode);
        Assert.False(context.Response.Headers.ContainsKey("Retry-After"));
    }

    [Theory]
    [InlineData(IntakeRejectionCodes.PaymentsNotAllowed)]
    [InlineData(IntakeRejectionCodes.RecurringNotAllowed)]
    [InlineData(IntakeRejectionCodes.SkipLandingPageNotAllowed)]
    public async Task a_refusal_by_the_sales_units_vipps_capabilities_is_403_with_its_code_and_reason(string code)
    {
        var context = await ExecuteAsync(Problems.Rejected(code, "data.msn: sales unit 246800 has no Recurring API (Vipps says recurringAllowed: false)."));

        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.Contains(code, body, StringComparison.Ordinal);
        Assert.Contains("recurringAllowed: false", body, StringComparison.Ordinal);
    }

    private static async Task<HttpContext> ExecuteAsync(IResult result)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
        };
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        return context;
    }
}
