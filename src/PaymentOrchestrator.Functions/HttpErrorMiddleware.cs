using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using PaymentOrchestrator.Api;

namespace PaymentOrchestrator.Functions;

/// <summary>
/// The Functions app's counterpart of the local host's exception handler: an exception that escapes an HTTP function
/// (the API's handlers answer their own failures; this catches what fails around them, such as a binding) is logged and
/// answered with a 500 problem+json, code <c>internal-error</c>, quoting the invocation id; never a stack trace. Other
/// functions rethrow, since the Durable runtime and the Service Bus triggers retry on an exception.
/// Registered with <c>UseMiddleware</c> after <c>ConfigureFunctionsWebApplication</c>, so it runs inside the ASP.NET Core
/// integration's FunctionsHttpProxyingMiddleware, which puts the request's HttpContext in the FunctionContext
/// (<c>GetHttpContext()</c>: azure-functions-dotnet-worker extensions/Worker.Extensions.Http.AspNetCore/src/FunctionContext/FunctionContextExtensions.cs).
/// </summary>
public sealed partial class HttpErrorMiddleware(ILogger<HttpErrorMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (Exception e) when (context.GetHttpContext() is { Response.HasStarted: false } http
            && !(e is OperationCanceledException && context.CancellationToken.IsCancellationRequested))
        {
            LogFailed(e, context.InvocationId);
            await Problems.InternalError(context.InvocationId).ExecuteAsync(http);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An HTTP function failed (invocation {InvocationId})")]
    private partial void LogFailed(Exception exception, string invocationId);
}
