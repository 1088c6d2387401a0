using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Values;

namespace PaymentOrchestrator.Domain.CustomerDetails;

/// <summary>
/// The customer-details step both the payment and the agreement saga take once authorized or active with a profile
/// scope: how its result is decided. The details themselves leave only as a personal outcome (published before the
/// decision is saved, never saved); the saga records the claim names. No answer of Userinfo stops the saga: a missing
/// consent or a refusal is an outcome without values, a transient failure is retried behind the saga's other calls and,
/// once its retries are spent, an outcome too.
/// </summary>
internal static class CustomerDetailsStep
{
    /// <param name="type">The saga's <c>*.customer-details.v1</c> outcome type.</param>
    /// <param name="data">The saga's outcome data as it stands.</param>
    public static Decision Decide<TState>(DecisionBuilder<TState> b, OutboxEntry head, CommandResult result, string type, OutcomeData data)
        where TState : ISagaState
    {
        // One outcome per read: its id comes from the read's idempotency key, whichever answer it carries.
        var discriminator = head.Command.Key.Value;
        switch (result)
        {
            case CustomerDetailsFound found:
                b.Complete(found.Key);
                b.Emit(new CustomerDetailsSent(found.Claims));
                if (found.Details is { } details)
                {
                    b.PersonalOutcome(type, discriminator, data with { Customer = details with { Result = CustomerDetailsData.Shared, Claims = found.Claims } });
                }

                break;
            case CustomerDetailsUnavailable unavailable:
                b.Complete(unavailable.Key);
                b.Outcome(type, discriminator, data with { Customer = CustomerDetailsData.Without(CustomerDetailsData.Unavailable), Reason = unavailable.Reason });
                break;
            case CommandFailedTransient failed when b.SetAside(head, failed.Problem):
                break;
            case CommandFailedTransient failed:
                Failed(failed.Key, failed.Problem, $"Reading the customer's details failed {head.Failures + 1} times in a row; retries exhausted.");
                break;
            case CommandFailedPermanent failed:
                Failed(failed.Key, failed.Problem, $"Vipps refused to give the customer's details: {failed.Problem.Title}");
                break;
            default:
                return b.Reject(
                    "result-does-not-match-command",
                    $"{result.GetType().Name} cannot answer {head.Command.GetType().Name} (key {result.Key}).");
        }

        b.Pump();
        return b.Build();

        // No details, and the saga carries on: an outcome with the reason and Vipps' problem, never needs-attention.
        void Failed(IdempotencyKey key, VippsProblem problem, string reason)
        {
            b.Complete(key);
            b.Outcome(type, discriminator, data with
            {
                Customer = CustomerDetailsData.Without(CustomerDetailsData.Failed), Reason = reason, Problem = problem,
            });
        }
    }
}
