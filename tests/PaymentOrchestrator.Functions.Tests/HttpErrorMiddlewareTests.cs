using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaymentOrchestrator.Functions.Tests.Support;

namespace PaymentOrchestrator.Functions.Tests;

/// <summary><see cref="HttpErrorMiddleware"/> called as the worker calls it, with a function that throws.</summary>
public sealed class HttpErrorMiddlewareTests : IDisposable
{
    private readonly LogRecorder _logs = new();
    private readonly ServiceProvider _services;
    private readonly HttpErrorMiddleware _middleware;

    public HttpErrorMiddlewareTests()
    {
        // AddProblemDetails as the app has it (AddPaymentOrchestratorApi).
        _services = new ServiceCollection().AddLogging(b => b.AddProvider(_logs)).AddProblemDetails().BuildServiceProvider();
        _middleware = new HttpErrorMiddleware(_services.GetRequiredService<ILogger<HttpErrorMiddleware>>());
    }

    [Fact]
    public async Task an_exception_escaping_an_http_function_is_a_500_problem_with_a_code_and_an_id_to_quote_and_no_stack_trace()
    {
        var http = new DefaultHttpContext { RequestServices = _services, Response = { Body = new MemoryStream() } };
        var context = new StubFunctionContext(_services, http);

        await _middleware.Invoke(context, _ => throw new InvalidOperationException("connection string was wrong"));

        var body = Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray());
        Assert.Equal(500, http.Response.StatusCode);
        Assert.StartsWith("application/problem+json", http.Response.ContentType, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(("internal-error", 500), (problem.GetProperty("code").GetString(), problem.GetProperty("status").GetInt32()));
        Assert.Contains(context.InvocationId, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("connection string", body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), body, StringComparison.Ordinal);
        Assert.Contains(_logs.Messages, m => m.Contains(context.InvocationId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task an_exception_of_a_function_without_a_request_is_rethrown_for_its_trigger_to_retry()
    {
        var context = new StubFunctionContext(_services, http: null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _middleware.Invoke(context, _ => throw new InvalidOperationException("activity failed")));
    }

    public void Dispose() => _services.Dispose();

    /// <summary>
    /// A FunctionContext holding the request's HttpContext where the ASP.NET Core integration's
    /// FunctionsHttpProxyingMiddleware puts it: Items["HttpRequestContext"], read back by GetHttpContext()
    /// (azure-functions-dotnet-worker extensions/Worker.Extensions.Http.AspNetCore/src/FunctionContext/FunctionContextExtensions.cs).
    /// </summary>
    private sealed class StubFunctionContext : FunctionContext
    {
        public StubFunctionContext(IServiceProvider services, HttpContext? http)
        {
            InstanceServices = services;
            if (http is not null)
            {
                Items["HttpRequestContext"] = http;
                Assert.Same(http, this.GetHttpContext());
            }
        }

        public override string InvocationId { get; } = "invocation-0123";

        public override string FunctionId => "function-1";

        public override TraceContext TraceContext => throw new NotSupportedException();

        public override BindingContext BindingContext => throw new NotSupportedException();

        public override RetryContext RetryContext => throw new NotSupportedException();

        public override IServiceProvider InstanceServices { get; set; }

        public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

        public override IInvocationFeatures Features => throw new NotSupportedException();
    }
}
