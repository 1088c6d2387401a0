using System.Collections.Immutable;
using System.Text.Json;
using PaymentOrchestrator.Domain.Contracts;
using PaymentOrchestrator.Domain.CustomerDetails;
using PaymentOrchestrator.Domain.Epayment;
using PaymentOrchestrator.Domain.Sagas;
using PaymentOrchestrator.Domain.Tests.Support;
using PaymentOrchestrator.Domain.Values;
using static PaymentOrchestrator.Domain.Tests.Support.CustomerDetailsSamples;
using static PaymentOrchestrator.Domain.Tests.Support.Samples;

namespace PaymentOrchestrator.Domain.Tests.CustomerDetails;

public class CustomerDetailsStepTests
{
    private static readonly ProfileScope NameAndAddress = ProfileScope.FromClaims(["name", "address"]).Value;

    private static CustomerDetailsFound Found(VippsCommand read) =>
        new(read.Key, ["name", "address"]) { Details = Kari };

    [Fact]
    public void authorization_with_a_scope_hands_out_one_details_read_with_a_stable_key()
    {
        var h = AuthorizedPayment(NameAndAddress);

        var read = Assert.IsType<ReadPaymentCustomerDetails>(h.Head);
        Assert.Equal(IdempotencyKey.Derive("userinfo", h.State.Core.CommandCount, PaymentKey), read.Key);
        Assert.Equal(OutgoingEventTypes.PaymentAuthorized, Assert.Single(h.Decisions[^1].Outcomes).Type);
        Assert.Contains(h.Decisions[^1].Commands, c => c is ReadPaymentCustomerDetails);
    }

    [Fact]
    public void activation_of_an_agreement_with_a_scope_hands_out_one_details_read_of_that_agreement()
    {
        var h = ActiveAgreement(NameAndAddress);

        Assert.Equal("agr_5kSeqz", Assert.IsType<Domain.Recurring.ReadAgreementCustomerDetails>(h.Head).AgreementId);
        Assert.Empty(ActiveAgreement(null).State.Core.Outbox);
    }

    [Fact]
    public void authorization_without_a_scope_reads_no_details()
    {
        var h = AuthorizedPayment(null);

        Assert.Empty(h.State.Core.Outbox);
    }

    [Fact]
    public void details_found_go_out_as_one_personal_outcome_and_the_saga_keeps_only_the_claim_names()
    {
        var h = AuthorizedPayment(NameAndAddress);
        var read = h.Head;

        var decision = h.WhenResult(Found);

        Assert.Empty(decision.Outcomes);
        var outcome = Assert.Single(decision.PersonalOutcomes);
        Assert.Equal(OutgoingEventTypes.PaymentCustomerDetails, outcome.Type);
        Assert.Equal("Kari", outcome.Data.Customer!.GivenName);
        Assert.Equal(["name", "address"], outcome.Data.Customer.Claims);
        Assert.Equal(OutgoingEvent.Create(outcome.Type, PaymentKey, h.Now, outcome.Data, read.Key.Value).Id, outcome.Id);
        var sent = Assert.IsType<CustomerDetailsSent>(Assert.Single(decision.Events, e => e is CustomerDetailsSent));
        Assert.Equal(["name", "address"], sent.Claims.AsEnumerable());
        Assert.Empty(h.State.Core.Outbox);
        var everythingSaved = SagaStateJson.Serialize(h.State) + JsonSerializer.Serialize<SagaInput>(Found(read), SagaStateJson.Options)
            + string.Concat(decision.Events.Select(e => JsonSerializer.Serialize(e, SagaStateJson.Options)));
        Assert.DoesNotContain("Kari", everythingSaved, StringComparison.Ordinal);
        Assert.DoesNotContain("Robert Levins", everythingSaved, StringComparison.Ordinal);
        Assert.DoesNotContain("Kari", Found(read).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void a_capture_asked_for_while_the_read_waits_out_a_backoff_goes_ahead_of_it()
    {
        var h = AuthorizedPayment(NameAndAddress);
        var read = h.Head;
        h.Given(new CommandFailedTransient(read.Key, new VippsProblem(503, null, "Service unavailable")));

        var decision = h.When(Capture("cap-1", 10_000));

        Assert.IsType<CapturePayment>(Assert.Single(decision.Commands));
        Assert.Equal([typeof(CapturePayment), typeof(ReadPaymentCustomerDetails)], h.State.Core.Outbox.Select(e => e.Command.GetType()));
        Assert.Equal(read.Key, h.State.Core.Outbox[1].Command.Key);
    }

    [Fact]
    public void a_transient_failure_sets_the_read_aside_behind_the_calls_queued_meanwhile_with_its_key()
    {
        var h = AuthorizedPayment(NameAndAddress);
        var read = h.Head;
        h.Given(Capture("cap-1", 4_000)); // queued behind the read in flight

        var decision = h.When(new CommandFailedTransient(read.Key, new VippsProblem(503, null, "Service unavailable")));

        Assert.IsType<CapturePayment>(Assert.Single(decision.Commands));
        Assert.Equal(read.Key, h.State.Core.Outbox[^1].Command.Key);
        Assert.Equal(1, h.State.Core.Outbox[^1].Failures);
        Assert.Empty(decision.Outcomes);
    }

    [Fact]
    public void a_read_whose_retries_are_spent_is_published_as_failed_and_the_payment_carries_on()
    {
        var h = AuthorizedPayment(NameAndAddress);
        var read = h.Head;
        Decision decision;
        var attempt = 0;
        do
        {
            decision = h.When(new CommandFailedTransient(read.Key, new VippsProblem(503, null, "Service unavailable")));
            if (h.State.Core.Head is { } waiting)
            {
                h.At(waiting.DueAt).Given(new WakeUp());
            }
        }
        while (++attempt < new RetryPolicy().MaxAttempts && h.State.Core.Outbox.Count > 0);

        var outcome = Assert.Single(decision.Outcomes);
        Assert.Equal(CustomerDetailsData.Failed, outcome.Data.Customer!.Result);
        Assert.Equal(503, outcome.Data.Problem!.Status);
        Assert.Equal(EpaymentStatus.Authorized, h.State.Status);
        Assert.Empty(h.State.Core.Outbox);
    }

    [Fact]
    public void unavailable_details_are_an_ordinary_outcome_without_values()
    {
        var h = AuthorizedPayment(NameAndAddress);

        var decision = h.WhenResult(c => new CustomerDetailsUnavailable(c.Key, 404, "No details for this customer at this sales unit"));

        var outcome = Assert.Single(decision.Outcomes);
        Assert.Equal(OutgoingEventTypes.PaymentCustomerDetails, outcome.Type);
        Assert.Equal(CustomerDetailsData.Unavailable, outcome.Data.Customer!.Result);
        Assert.Empty(outcome.Data.Customer.Claims);
        Assert.Empty(decision.PersonalOutcomes);
        Assert.Equal(EpaymentStatus.Authorized, h.State.Status);
    }

    [Fact]
    public void a_refused_read_is_published_as_failed_and_never_needs_attention()
    {
        var h = AuthorizedPayment(NameAndAddress);

        var decision = h.WhenResult(c => new CommandFailedPermanent(c.Key, new VippsProblem(403, null, "Forbidden")));

        Assert.Equal(CustomerDetailsData.Failed, Assert.Single(decision.Outcomes).Data.Customer!.Result);
        Assert.Equal(EpaymentStatus.Authorized, h.State.Status);
        Assert.Null(h.State.Core.Attention);
    }

    [Fact]
    public void the_details_text_form_shows_claim_names_only()
    {
        var text = (Kari with { Claims = ImmutableArray.Create("name", "address") }).ToString();

        Assert.Contains("name, address", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Kari", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Robert", text, StringComparison.Ordinal);
    }
}
