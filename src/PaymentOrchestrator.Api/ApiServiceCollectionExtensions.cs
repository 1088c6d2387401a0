using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Api;

/// <summary>DI of the HTTP API. The host adds its <see cref="DeadLetters.IDeadLetterQueues"/> (and, for the local host, its <see cref="ISagaSignaller"/>).</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PaymentOrchestratorApi"/>, <see cref="ApiKeyAuthenticator"/> with <see cref="ApiKeyOptions"/>
    /// bound to section <c>Api</c>, and the saga hand-off (<see cref="HostingServiceCollectionExtensions.AddSagaHosting"/>).
    /// Call after <c>AddPaymentOrchestrator</c>.
    /// </summary>
    public static IServiceCollection AddPaymentOrchestratorApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApiKeyOptions>().Bind(configuration.GetSection(ApiKeyOptions.SectionName));
        services.AddSagaHosting(configuration);
        services.TryAddSingleton<ApiKeyAuthenticator>();
        services.TryAddSingleton<PaymentOrchestratorApi>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = FrameworkProblem);
        return services;
    }

    /// <summary>
    /// Problems the framework writes itself (no route, wrong method, an unhandled exception) get a <c>code</c> like ours
    /// and the API's headers, so that every error of both hosts has the same shape.
    /// </summary>
    private static void FrameworkProblem(ProblemDetailsContext context)
    {
        ApiHeaders.SetAlways(context.HttpContext.Response);
        context.ProblemDetails.Extensions.TryAdd("code", context.ProblemDetails.Status switch
        {
            StatusCodes.Status400BadRequest => "bad-request",
            StatusCodes.Status404NotFound => "not-found",
            StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
            StatusCodes.Status413PayloadTooLarge => "too-large",
            StatusCodes.Status414UriTooLong => "uri-too-long",
            StatusCodes.Status431RequestHeaderFieldsTooLarge => "headers-too-large",
            StatusCodes.Status500InternalServerError or null => "internal-error",
            { } status => "http-" + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }
}
