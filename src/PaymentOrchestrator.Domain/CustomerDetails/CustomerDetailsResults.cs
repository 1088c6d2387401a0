using System.Collections.Immutable;
using System.Text.Json.Serialization;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.CustomerDetails;

/// <summary>
/// Userinfo answered with the customer's details. Only the claim names are part of the result as the saga and its
/// timeline see it; the values (<see cref="Details"/>) are never serialized, so they cannot reach a row, a timeline
/// entry or a Durable activity's input or output — the decider hands them to the one outcome published before saving.
/// </summary>
public sealed record CustomerDetailsFound(IdempotencyKey Key, ImmutableArray<string> Claims) : CommandResult(Key)
{
    /// <summary>The values, in memory only (null once the result has been through JSON).</summary>
    [JsonIgnore]
    public CustomerDetailsData? Details { get; init; }
}

/// <summary>
/// Vipps has no details for the customer at this sales unit (Userinfo 404/410: consent withdrawn or past the time
/// Vipps keeps it, or the payment or agreement returned no <c>sub</c>). Final for this read; the saga carries on.
/// </summary>
/// <param name="Reason">Why, without the <c>sub</c>.</param>
public sealed record CustomerDetailsUnavailable(IdempotencyKey Key, int? Status, string Reason) : CommandResult(Key);
