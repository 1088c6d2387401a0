using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Orchestration.Intake;

namespace PaymentOrchestrator.Api;

/// <summary>application/problem+json answers with a stable <c>type</c> per problem and its <c>code</c>, for both hosts.</summary>
public static class Problems
{
    private const string TypeBase = "https://payment-orchestrator.local/problems/";

    public static IResult Create(int status, string code, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["code"] = code };
        return Results.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + code, extensions: all);
    }

    /// <summary>A failure of ours: the person gets an id to quote, the log has the detail; never a stack trace.</summary>
    public static IResult InternalError(string id) =>
        Create(StatusCodes.Status500InternalServerError, "internal-error", "Something went wrong", "The request could not be completed. Quote " + id + " to support.");

    public static IResult Unauthorized(string detail) =>
        Create(StatusCodes.Status401Unauthorized, "unauthorized", "Missing or invalid credentials", detail);

    /// <summary>The HTTP status of an intake or saga refusal.</summary>
    public static IResult Rejected(string code, string message)
    {
        if (OperationLimits.IsRetryable(code))
        {
            // Not wrong, only not now: the same request succeeds once Vipps has confirmed some operations in flight.
            return ApiHeaders.RetryAfter(
                Create(StatusCodes.Status429TooManyRequests, code, "Too many operations in flight", message), (int)Math.Ceiling(OperationLimits.RetryAfter.TotalSeconds));
        }

        var status = code switch
        {
            IntakeRejectionCodes.UnknownSalesUnit => StatusCodes.Status404NotFound,
            IntakeRejectionCodes.SalesUnitDisabled or IntakeRejectionCodes.SourceNotBound or IntakeRejectionCodes.SourceNotPermitted
                or IntakeRejectionCodes.PaymentsNotAllowed or IntakeRejectionCodes.RecurringNotAllowed
                or IntakeRejectionCodes.SkipLandingPageNotAllowed => StatusCodes.Status403Forbidden,
            IntakeRejectionCodes.CurrencyMismatch or IntakeRejectionCodes.WrongQueue => StatusCodes.Status400BadRequest,
            nameof(RejectionCode.TooLarge) => StatusCodes.Status413PayloadTooLarge,
            _ when Enum.TryParse<RejectionCode>(code, out _) => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status409Conflict,
        };
        var title = status switch
        {
            StatusCodes.Status404NotFound => "Unknown sales unit",
            StatusCodes.Status403Forbidden => "Not allowed for this sales unit",
            StatusCodes.Status409Conflict => "Refused by the payment's current state",
            StatusCodes.Status413PayloadTooLarge => "Request too large",
            _ => "Invalid request",
        };
        return Create(status, code, title, message);
    }
}
