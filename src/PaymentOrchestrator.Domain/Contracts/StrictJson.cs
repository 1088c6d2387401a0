using System.Text.Json;

namespace PaymentOrchestrator.Domain.Contracts;

/// <summary>
/// How every entry point reads JSON it did not write (queue messages, refund bodies, webhook payloads): a property
/// name given twice is malformed input (a reader would otherwise pick one of the two values, and two readers may pick
/// different ones), and nesting is bounded.
/// </summary>
public static class StrictJson
{
    public static JsonDocumentOptions DocumentOptions { get; } = new()
    {
        MaxDepth = 16,
        AllowDuplicateProperties = false,
    };
}
