using PaymentOrchestrator.Orchestration.Onboarding;
using PaymentOrchestrator.Vipps.Management;

namespace PaymentOrchestrator.Orchestration.Tests.Onboarding;

/// <summary>The onboarding's pure transitions and form, without I/O.</summary>
public sealed class OnboardingTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Expiry = TimeSpan.FromDays(30);
    private static readonly HashSet<string> NoneClaimed = [];

    private static Orchestration.Onboarding.Onboarding Sent(params string[] unitsAtStart) =>
        Orchestration.Onboarding.Onboarding.Begin("ob-20261207-090000-abcdef", "Production-partner",
                new OnboardingForm { OrganizationNumber = "912345670", ProductType = "VIPPS_I_KASSA", SalesUnitName = "Karis Kafé" }.Parse().Request!,
                unitsAtStart, Start)
            .Sent(new ProductOrder("order-1", new Uri("https://portal.example/register/1")), Start);

    [Fact]
    public void a_unit_that_was_linked_at_the_start_is_not_the_orders_and_only_counts_a_check()
    {
        var checkedOnce = Sent("123456").Observe([new SalesUnitSummary("123456", "Old shop")], NoneClaimed, Start.AddMinutes(1), Expiry);

        Assert.Equal((OnboardingStatus.Sent, 1, Start.AddMinutes(1), 2), (checkedOnce.Status, checkedOnce.Checks, checkedOnce.LastCheckedAt!.Value, checkedOnce.History.Count));
    }

    [Fact]
    public void a_new_unit_completes_it_with_its_msn_and_a_later_observation_changes_nothing()
    {
        var completed = Sent("123456").Observe([new SalesUnitSummary("123456", "Old shop"), new SalesUnitSummary("600001", "Karis Kafé")], NoneClaimed, Start.AddMinutes(2), Expiry);

        Assert.Equal((OnboardingStatus.Completed, "600001"), (completed.Status, completed.Msn));
        Assert.Equal("Sales unit 600001 'Karis Kafé' appeared, linked to us, after 1 check(s). Register it: sales-units sync --register 600001", completed.History[^1].Detail);
        Assert.Same(completed, completed.Observe([], NoneClaimed, Start.AddDays(60), Expiry));
    }

    [Fact]
    public void a_new_unit_another_onboarding_claimed_is_not_taken_again()
    {
        var waiting = Sent().Observe([new SalesUnitSummary("600001", "Other order")], new HashSet<string> { "600001" }, Start.AddMinutes(1), Expiry);

        Assert.Equal((OnboardingStatus.Sent, null), (waiting.Status, waiting.Msn));
    }

    [Fact]
    public void it_expires_exactly_at_the_expiry_with_the_reason_and_not_a_moment_before()
    {
        Assert.Equal(OnboardingStatus.Sent, Sent().Observe([], NoneClaimed, Start + Expiry - TimeSpan.FromSeconds(1), Expiry).Status);

        var expired = Sent().Observe([], NoneClaimed, Start + Expiry, Expiry);

        Assert.Equal(OnboardingStatus.Expired, expired.Status);
        Assert.Equal(expired.Reason, expired.History[^1].Detail);
    }

    [Fact]
    public void a_sent_or_refused_onboarding_is_not_sent_or_refused_again()
    {
        var sent = Sent();

        Assert.Same(sent, sent.Sent(new ProductOrder("order-2", null), Start.AddMinutes(5)));
        Assert.Same(sent, sent.Refused("late refusal", Start.AddMinutes(5)));
    }

    [Fact]
    public void a_form_becomes_the_product_order_vipps_is_sent_trimmed_and_with_the_specs_names()
    {
        var (request, error) = new OnboardingForm
        {
            OrganizationNumber = " 912345670 ", ProductType = "vipps_pa_nett", SalesUnitName = "Karis Kafé (Oslo)", ProductUseCase = "websitewithtest",
            Website = "https://kafe.example.no", TermsUrl = "https://kafe.example.no/terms", TestWebsiteUrl = "https://test.kafe.example.no",
            AnnualTurnover = "1200000", IntendedPurpose = "Coffee\nand cake", PricePackageId = "8a11afb7-c223-48ed-8ca6-4722b97261aa",
        }.Parse();

        Assert.Null(error);
        Assert.Equal(new ProductOrderRequest
        {
            BusinessIdentifier = BusinessIdentifier.NorwegianOrganization("912345670"),
            ProductType = ProductType.VippsPaNett,
            SalesUnitName = "Karis Kafé (Oslo)",
            ProductUseCase = ProductUseCase.WebsiteWithTest,
            Website = new ProductOrderWebsite(new Uri("https://kafe.example.no"), new Uri("https://kafe.example.no/terms"), new Uri("https://test.kafe.example.no")),
            AnnualTurnover = 1_200_000,
            IntendedPurpose = "Coffee\nand cake",
            PricePackageId = Guid.Parse("8a11afb7-c223-48ed-8ca6-4722b97261aa"),
        }, request);
    }

    [Theory]
    [InlineData("website", null, "https://kafe.example.no/terms")]
    [InlineData("termsUrl", "https://kafe.example.no", null)]
    public void a_website_needs_its_terms_and_terms_need_a_website(string missing, string? website, string? terms)
    {
        var (_, error) = new OnboardingForm { OrganizationNumber = "912345670", ProductType = "VIPPS_PA_NETT", Website = website, TermsUrl = terms }.Parse();

        Assert.Equal(missing, error!.Field);
    }
}
