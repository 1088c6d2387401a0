namespace PaymentOrchestrator.VippsSimulator.Infrastructure;

internal static class EndpointExtensions
{
    public static RouteHandlerBuilder Operation(this RouteHandlerBuilder builder, string name) =>
        builder.WithMetadata(new OperationName(name));

    public static string BaseUrl(this HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/";

    public static string? Header(this HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;
}
