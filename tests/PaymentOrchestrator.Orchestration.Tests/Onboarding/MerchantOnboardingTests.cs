using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PaymentOrchestrator.Orchestration.Onboarding;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.Vipps.Management;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Orchestration.Tests.Onboarding;

/// <summary>
/// Onboarding a merchant on real Azurite against the simulator's Management API over HTTP: the order is sent once
/// with a key stored before the send, and followed by what can be observed (the merchant's new linked sales unit).
/// </summary>
public sealed class MerchantOnboardingTests : IAsyncLifetime
{
    private const string NewMerchant = "987654321";
    private static readonly TimeSpan Expiry = TimeSpan.FromDays(30);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private SimulatorHost _simulator = null!;
    private ServiceProvider _services = null!;

    private MerchantOnboarding Onboarding => _services.GetRequiredService<MerchantOnboarding>();

    private OnboardingStore Store => _services.GetRequiredService<OnboardingStore>();

    public async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        _simulator = await SimulatorHost.StartAsync(new SimulatorOptions { RateLimitsEnabled = false });
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(SimulatorVippsSettings.For(_simulator.BaseAddress))
            .AddInMemoryCollection(HostStorageSettings.For(azurite.ConnectionString, Guid.NewGuid().ToString("N")[..10]))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Vipps:System:Name"] = "paymentorchestrator-tests",
                ["Vipps:System:Version"] = "1.0.0",
                // The clock here is fake: a retry's delay would never pass. A lost answer is the follow-up's to retry.
                ["Vipps:Resilience:MaxRetryAttempts"] = "0",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddPaymentOrchestrator(configuration);
        _services = services.BuildServiceProvider();
        await Store.CreateTableIfNotExistsAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    private static OnboardingForm Form(string org = NewMerchant, string product = "VIPPS_PA_NETT") => new()
    {
        OrganizationNumber = org,
        SalesUnitName = "Karis Kafé",
        ProductType = product,
        Website = "https://kafe.example.no",
        TermsUrl = "https://kafe.example.no/terms",
    };

    [Fact]
    public async Task a_started_onboarding_sends_one_order_and_stores_the_prefill_url_the_key_and_the_units_linked_at_the_start()
    {
        var started = await Onboarding.StartAsync(Form(SimulatorDefaults.NorwayOrganizationNumber));

        var o = Assert.IsType<Orchestration.Onboarding.Onboarding>(started.Onboarding);
        Assert.Equal(OnboardingStatus.Sent, o.Status);
        var order = Assert.Single(await _simulator.Admin.GetProductOrdersAsync());
        Assert.Equal(order.Id.ToString("D"), o.OrderId);
        Assert.Contains(order.Id.ToString("D"), o.PrefillUrl!.ToString(), StringComparison.Ordinal);
        var stored = Assert.Single(await Onboarding.ListAsync());
        Assert.Equal(o, stored with { Request = o.Request, UnitsAtStart = o.UnitsAtStart, History = o.History });
        Assert.Equal(o.Request, stored.Request);
        Assert.Equal("onboard-" + o.Id, stored.IdempotencyKey.Value);
        Assert.Contains(SimulatorDefaults.NorwayMsn, stored.UnitsAtStart);
        Assert.Equal([OnboardingStatus.Sending, OnboardingStatus.Sent], stored.History.Select(s => s.Status));
        Assert.Contains(o.PrefillUrl.ToString(), stored.History[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_follow_up_counts_checks_while_the_order_is_processed_and_completes_with_the_new_msn()
    {
        var o = (await Onboarding.StartAsync(Form())).Onboarding!;
        await _simulator.Admin.AdvanceProductOrderAsync(o.OrderId!, "WAITING_FOR_MERCHANT");
        _clock.Advance(TimeSpan.FromMinutes(1));
        await Onboarding.FollowUpAsync(Expiry);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await Onboarding.FollowUpAsync(Expiry);

        var waiting = Assert.Single(await Onboarding.ListAsync());
        Assert.Equal((OnboardingStatus.Sent, 2, _clock.GetUtcNow(), 2), (waiting.Status, waiting.Checks, waiting.LastCheckedAt!.Value, waiting.History.Count));

        var completedAtVipps = await _simulator.Admin.AdvanceProductOrderAsync(o.OrderId!, "COMPLETED");
        Assert.Equal((1, 1), await Onboarding.FollowUpAsync(Expiry));

        var done = Assert.Single(await Onboarding.ListAsync());
        Assert.Equal((OnboardingStatus.Completed, completedAtVipps.Msn), (done.Status, done.Msn));
        Assert.Equal([OnboardingStatus.Sending, OnboardingStatus.Sent, OnboardingStatus.Completed], done.History.Select(s => s.Status));
        Assert.Contains("sales-units sync --register " + done.Msn, done.History[^1].Detail, StringComparison.Ordinal);
        Assert.Equal((0, 0), await Onboarding.FollowUpAsync(Expiry));
    }

    [Fact]
    public async Task an_onboarding_written_but_not_confirmed_is_sent_again_by_the_follow_up_with_the_same_key_and_gets_the_same_order()
    {
        // The first send reached Vipps, but the process died before it saved the answer: the row still says Sending.
        var request = Form().Parse().Request!;
        var written = Orchestration.Onboarding.Onboarding.Begin("ob-20261207-090000-abcdef", Onboarding.Partner, request, [], _clock.GetUtcNow());
        await Store.AddAsync(written);
        var management = _services.GetRequiredService<VippsManagementClient>();
        var first = await management.CreateProductOrderAsync(request, written.IdempotencyKey);

        Assert.Equal((0, 0), await Onboarding.FollowUpAsync(Expiry)); // its own request may still be answering
        _clock.Advance(MerchantOnboarding.ResendAfter);
        Assert.Equal((1, 0), await Onboarding.FollowUpAsync(Expiry));

        var sent = Assert.Single(await Onboarding.ListAsync());
        Assert.Equal((OnboardingStatus.Sent, first.PrefilledOrderId, first.PrefillUrl), (sent.Status, sent.OrderId, sent.PrefillUrl));
        Assert.Single(await _simulator.Admin.GetProductOrdersAsync());
    }

    [Fact]
    public async Task an_order_vipps_took_but_whose_answer_was_lost_stays_sending_and_the_follow_up_gets_the_same_order_with_the_same_key()
    {
        await _simulator.Admin.AddFaultAsync(new FaultRule { Route = "management.product-orders.create", Kind = FaultKind.LostResponse, Status = 500 });

        var started = await Onboarding.StartAsync(Form());

        Assert.Equal((OnboardingStatus.Sending, null), (started.Onboarding!.Status, started.Onboarding.OrderId));
        var taken = Assert.Single(await _simulator.Admin.GetProductOrdersAsync());
        await _simulator.Admin.ClearFaultsAsync();
        _clock.Advance(MerchantOnboarding.ResendAfter);
        await Onboarding.FollowUpAsync(Expiry);

        var sent = Assert.Single(await Onboarding.ListAsync());
        Assert.Equal((OnboardingStatus.Sent, taken.Id.ToString("D")), (sent.Status, sent.OrderId));
        Assert.Single(await _simulator.Admin.GetProductOrdersAsync());
    }

    [Fact]
    public async Task a_save_over_a_row_changed_since_it_was_loaded_fails_instead_of_undoing_the_change()
    {
        await Onboarding.StartAsync(Form());
        var loaded = Assert.Single(await Onboarding.ListAsync());
        var completed = loaded.Observe([new SalesUnitSummary("600001", "Karis Kafé")], new HashSet<string>(), _clock.GetUtcNow(), Expiry);
        await Store.SaveAsync(completed);

        var stale = loaded.Observe([], new HashSet<string>(), _clock.GetUtcNow(), Expiry);
        var refused = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => Store.SaveAsync(stale));

        Assert.Equal(412, refused.Status);
        var kept = Assert.Single(await Onboarding.ListAsync());
        Assert.Equal(("600001", OnboardingStatus.Completed), (kept.Msn, kept.Status));
    }

    [Fact]
    public async Task an_order_whose_sales_unit_never_appears_expires_after_the_expiry_with_the_reason()
    {
        await Onboarding.StartAsync(Form());
        _clock.Advance(Expiry - TimeSpan.FromMinutes(1));
        await Onboarding.FollowUpAsync(Expiry);
        Assert.Equal(OnboardingStatus.Sent, Assert.Single(await Onboarding.ListAsync()).Status);

        _clock.Advance(TimeSpan.FromMinutes(1));
        await Onboarding.FollowUpAsync(Expiry);

        var expired = Assert.Single(await Onboarding.ListAsync());
        Assert.Equal(OnboardingStatus.Expired, expired.Status);
        Assert.Contains("No new sales unit of business:NO:ORG/987654321 appeared within 30 days", expired.Reason, StringComparison.Ordinal);
        Assert.Contains("cannot be read", expired.Reason, StringComparison.Ordinal);
        Assert.Equal((0, 0), await Onboarding.FollowUpAsync(Expiry));
    }

    [Fact]
    public async Task a_second_onboarding_of_the_merchant_for_the_same_product_while_one_is_in_flight_is_refused_and_nothing_is_sent()
    {
        var first = (await Onboarding.StartAsync(Form())).Onboarding!;

        var again = await Onboarding.StartAsync(Form());

        Assert.Equal((OnboardingStart.AlreadyOnboarding, "organizationNumber"), (again.Code, again.Field));
        Assert.Contains(first.Id, again.Reason, StringComparison.Ordinal);
        Assert.Single(await _simulator.Admin.GetProductOrdersAsync());
        Assert.Equal(OnboardingStatus.Sent, (await Onboarding.StartAsync(Form(product: "VIPPS_LOGG_INN"))).Onboarding!.Status);
    }

    [Fact]
    public async Task two_onboardings_of_one_merchant_do_not_both_claim_the_same_new_sales_unit()
    {
        var web = (await Onboarding.StartAsync(Form())).Onboarding!;
        var login = (await Onboarding.StartAsync(Form(product: "VIPPS_LOGG_INN"))).Onboarding!;
        var unit = (await _simulator.Admin.AdvanceProductOrderAsync(web.OrderId!, "COMPLETED")).Msn;

        await Onboarding.FollowUpAsync(Expiry);

        // Which order made the unit cannot be observed: one of them claims it, the other keeps waiting for its own.
        var all = await Onboarding.ListAsync();
        Assert.Equal([unit], all.Where(o => o.Msn is not null).Select(o => o.Msn));
        Assert.Equal([OnboardingStatus.Sent, OnboardingStatus.Completed], all.Select(o => o.Status).Order());
        Assert.All(all, o => Assert.Contains(o.Id, new[] { web.Id, login.Id }));
    }

    [Theory]
    [InlineData("91234567", null, "organizationNumber")]
    [InlineData("912345670", "Kari's Kafé", "salesUnitName")]
    [InlineData("912345670", "Kari\nKafé", "salesUnitName")]
    [InlineData("912345670", "A name far longer than thirty characters", "salesUnitName")]
    public async Task a_form_vipps_would_refuse_is_refused_naming_the_field_and_nothing_is_stored_or_sent(string org, string? name, string field)
    {
        var started = await Onboarding.StartAsync(Form(org) with { SalesUnitName = name });

        Assert.Equal((OnboardingStart.InvalidValue, field), (started.Code, started.Field));
        Assert.Empty(await Onboarding.ListAsync());
        Assert.Empty(await _simulator.Admin.GetProductOrdersAsync());
    }
}
