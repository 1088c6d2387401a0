using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Management;

namespace PaymentOrchestrator.Orchestration.Tests.Stores;

public sealed class SalesUnitStoreTests
{
    [Fact]
    public async Task a_registered_sales_unit_is_listed_and_can_be_disabled_keeping_its_creation_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        var store = await NewStoreAsync(clock);
        var msn = Msn.Create("223344").Value;

        var added = await store.RegisterAsync(new SalesUnitRegistration(msn, "Copenhagen shop", Market.Denmark, VippsEnvironment.Production, "partner", ["webshop/cph", "pos/cph"]));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.True(await store.SetStatusAsync(msn, SalesUnitStatus.Disabled));

        var unit = Assert.Single(await store.ListAsync());
        Assert.Equal(Domain.Values.Currency.DKK, unit.Currency);
        Assert.Equal(["webshop/cph", "pos/cph"], unit.AllowedSources);
        Assert.False(unit.IsActive);
        Assert.Equal(added.CreatedAt, unit.CreatedAt);
        Assert.True(unit.UpdatedAt > unit.CreatedAt);
        Assert.True(unit.Allows("webshop/cph"));
        Assert.False(unit.Allows("webshop/CPH"));
    }

    [Fact]
    public async Task rights_per_source_are_stored_and_a_binding_without_stored_rights_keeps_every_right()
    {
        var store = await NewStoreAsync();
        var msn = Msn.Create("223344").Value;
        var rights = new Dictionary<string, SourceRights> { ["webshop/cph"] = SourceRights.Webshop, ["finance/cph"] = SourceRights.Refunds };

        await store.RegisterAsync(new SalesUnitRegistration(msn, "Copenhagen shop", Market.Denmark, VippsEnvironment.Production, "partner",
            ["webshop/cph", "finance/cph", "pos/cph"], SalesUnitStatus.Active, rights));
        var unit = (await store.GetAsync(msn))!;

        Assert.True(unit.May("webshop/cph", SourceRights.Payments | SourceRights.Captures));
        Assert.False(unit.May("webshop/cph", SourceRights.Refunds));
        Assert.True(unit.May("finance/cph", SourceRights.Refunds));
        Assert.False(unit.May("finance/cph", SourceRights.Reads));
        Assert.Equal(SourceRights.All, unit.RightsOf("pos/cph"));
        Assert.Equal(SourceRights.None, unit.RightsOf("webshop/other"));

        // A row written before rights existed (no SourceRights column): every binding keeps every right.
        var old = Msn.Create("334455").Value;
        await store.RegisterAsync(new SalesUnitRegistration(old, "Old shop", Market.Finland, VippsEnvironment.Production, "partner", ["webshop/old"]));
        Assert.Equal(SourceRights.All, (await store.GetAsync(old))!.RightsOf("webshop/old"));
    }

    [Fact]
    public async Task what_the_management_api_said_is_stored_kept_when_disabled_and_absent_for_a_unit_registered_without_it()
    {
        var store = await NewStoreAsync();
        var msn = Msn.Create("135790").Value;
        var capabilities = new SalesUnitConfiguration { PaymentAllowed = true, CaptureType = CaptureType.DirectCapture, RecurringAllowed = false };

        await store.RegisterAsync(new SalesUnitRegistration(msn, "Direct shop", Market.Norway, VippsEnvironment.Production, "partner", ["webshop/d"],
            BusinessIdentifier: BusinessIdentifier.NorwegianOrganization("912345670"), Capabilities: capabilities));
        await store.SetStatusAsync(msn, SalesUnitStatus.Disabled);
        var plain = Msn.Create("223344").Value;
        await store.RegisterAsync(new SalesUnitRegistration(plain, "Plain shop", Market.Denmark, VippsEnvironment.Production, "partner", ["webshop/p"]));

        var unit = (await store.GetAsync(msn))!;
        Assert.Equal(BusinessIdentifier.NorwegianOrganization("912345670"), unit.BusinessIdentifier);
        Assert.Equal(capabilities, unit.Capabilities);
        Assert.Null(unit.Capabilities!.SkipLandingPageAllowed);
        Assert.Null((await store.GetAsync(plain))!.Capabilities);
        Assert.Null((await store.GetAsync(plain))!.BusinessIdentifier);
    }

    [Theory]
    [InlineData("webshop/acme:payments,captures", "webshop/acme", "payments,captures")]
    [InlineData("finance/acme:finance", "finance/acme", "refunds,reads,reconciles")]
    [InlineData("urn:acme:shop", "urn:acme:shop", null)]
    [InlineData("webshop/acme", "webshop/acme", null)]
    public void a_binding_names_its_source_and_rights_after_the_last_colon(string text, string source, string? rights)
    {
        var (parsedSource, parsedRights) = SourceRightsRules.ParseBinding(text);

        Assert.Equal(source, parsedSource);
        Assert.Equal(rights, parsedRights is { } r ? SourceRightsRules.Format(r) : null);
    }

    [Fact]
    public void each_event_type_needs_its_right()
    {
        Assert.Equal(SourceRights.Refunds, SourceRightsRules.NeededFor(Domain.Contracts.IncomingEventTypes.PaymentRefundRequested));
        Assert.Equal(SourceRights.Refunds, SourceRightsRules.NeededFor(Domain.Contracts.IncomingEventTypes.ChargeRefundRequested));
        Assert.Equal(SourceRights.Agreements, SourceRightsRules.NeededFor(Domain.Contracts.IncomingEventTypes.AgreementStopRequested));
        Assert.All(Domain.Contracts.IncomingEventTypes.All, t => Assert.NotEqual(SourceRights.All, SourceRightsRules.NeededFor(t)));
    }

    [Fact]
    public async Task a_write_decided_from_an_earlier_read_is_refused_once_the_row_changed_and_the_change_stands()
    {
        // A clock that does not move: the row's version tells a change, not its update time.
        var store = await NewStoreAsync(new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero)));
        var msn = Msn.Create("223344").Value;
        await store.RegisterAsync(new SalesUnitRegistration(msn, "Copenhagen shop", Market.Denmark, VippsEnvironment.Production, "partner", ["webshop/cph"]));
        var read = (await store.GetAsync(msn))!;
        Assert.True(await store.SetStatusAsync(msn, SalesUnitStatus.Disabled, "fraud suspected"));

        Assert.Null(await store.SaveIfUnchangedAsync(read, read with { Name = "Renamed at Vipps" }));
        var current = (await store.GetAsync(msn))!;
        Assert.Equal((SalesUnitStatus.Disabled, "fraud suspected", "Copenhagen shop"), (current.Status, current.DisabledReason, current.Name));

        // Decided again from the row as it is now, the write goes through and keeps the disabling.
        var saved = await store.SaveIfUnchangedAsync(current, current with { Name = "Renamed at Vipps" });
        var after = (await store.GetAsync(msn))!;
        Assert.Equal(("Renamed at Vipps", SalesUnitStatus.Disabled, "fraud suspected"), (after.Name, after.Status, after.DisabledReason));
        Assert.Equal(after.Version, saved!.Version);

        // A unit that was not read from the registry, or a row that is gone, is never written over.
        Assert.Null(await store.SaveIfUnchangedAsync(after with { Version = null }, after with { Name = "Unread" }));
        Assert.Null(await store.SaveIfUnchangedAsync(after with { Msn = Msn.Create("998877").Value }, after with { Msn = Msn.Create("998877").Value }));
        Assert.Null(await store.GetAsync(Msn.Create("998877").Value));
        Assert.Equal("Renamed at Vipps", (await store.GetAsync(msn))!.Name);
    }

    [Fact]
    public async Task a_registration_racing_a_disabling_reads_the_row_again_and_keeps_the_disabling()
    {
        var azurite = await SharedAzurite.GetAsync();
        var name = "units" + Guid.NewGuid().ToString("N")[..10];
        var msn = Msn.Create("223344").Value;
        var other = new SalesUnitStore(new StorageClients(azurite.ConnectionString).Tables.GetTableClient(name), TimeProvider.System);
        // The operator disables the unit after the registration read the row and before it writes: just before the
        // registration's first write over the row goes out.
        var race = new BeforeFirstWrite(() => other.SetStatusAsync(msn, SalesUnitStatus.Disabled, "fraud suspected").GetAwaiter().GetResult());
        var options = new TableClientOptions();
        options.AddPolicy(race, HttpPipelinePosition.PerCall);
        var table = new TableClient(azurite.ConnectionString, name, options);
        await table.CreateIfNotExistsAsync();
        var store = new SalesUnitStore(table, TimeProvider.System);
        await other.RegisterAsync(new SalesUnitRegistration(msn, "Copenhagen shop", Market.Denmark, VippsEnvironment.Production, "partner", ["webshop/cph"]));

        var registered = await store.RegisterAsync(new SalesUnitRegistration(msn, "Copenhagen shop", Market.Denmark, VippsEnvironment.Production, "partner", ["webshop/cph", "pos/cph"]));

        Assert.Equal(1, race.Fired);
        var stored = (await other.GetAsync(msn))!;
        Assert.Equal((SalesUnitStatus.Disabled, "fraud suspected"), (stored.Status, stored.DisabledReason));
        Assert.Equal(["webshop/cph", "pos/cph"], stored.AllowedSources);
        Assert.Equal((stored.Status, stored.Version), (registered.Status, registered.Version));
    }

    /// <summary>Runs an action once, just before the first request that writes over an existing row (PUT with If-Match).</summary>
    private sealed class BeforeFirstWrite(Action action) : HttpPipelineSynchronousPolicy
    {
        public int Fired { get; private set; }

        public override void OnSendingRequest(HttpMessage message)
        {
            if (Fired == 0 && message.Request.Method == RequestMethod.Put && message.Request.Headers.Contains("If-Match"))
            {
                Fired++;
                action();
            }
        }
    }

    [Fact]
    public async Task an_unregistered_msn_reads_as_null_and_cannot_be_disabled()
    {
        var store = await NewStoreAsync();

        Assert.Null(await store.GetAsync(Msn.Create("4321").Value));
        Assert.False(await store.SetStatusAsync(Msn.Create("4321").Value, SalesUnitStatus.Disabled));
    }

    [Fact]
    public void a_registration_without_sources_or_key_set_names_each_problem()
    {
        var registration = new SalesUnitRegistration(Msn.Create("123456").Value, "", Market.Norway, VippsEnvironment.Production, " ", []);

        var problems = registration.Validate();

        Assert.Contains(problems, p => p.StartsWith("name:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("keySetName:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("allowedSources:", StringComparison.Ordinal));
    }

    private static async Task<SalesUnitStore> NewStoreAsync(TimeProvider? clock = null)
    {
        var azurite = await SharedAzurite.GetAsync();
        var table = new StorageClients(azurite.ConnectionString).Tables.GetTableClient("units" + Guid.NewGuid().ToString("N")[..10]);
        await table.CreateIfNotExistsAsync();
        return new SalesUnitStore(table, clock ?? TimeProvider.System);
    }
}
