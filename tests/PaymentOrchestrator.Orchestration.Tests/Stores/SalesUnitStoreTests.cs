using Microsoft.Extensions.Time.Testing;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Stores;
using Azure.Data.Tables;
using PaymentOrchestrator.Storage;
using PaymentOrchestrator.Testing;
using PaymentOrchestrator.Vipps;

namespace PaymentOrchestrator.Orchestration.Tests.Stores;

public sealed class SalesUnitStoreTests
{
    [Fact]
    public async Task a_registered_sales_unit_is_listed_and_can_be_disabled_keeping_its_creation_time()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        var store = await NewStoreAsync(clock);
        var msn = Msn.Create("223344").Value;

        var added = await store.UpsertAsync(new SalesUnitRegistration(msn, "Copenhagen shop", Market.Denmark, VippsEnvironment.Production, "partner", ["webshop/cph", "pos/cph"]));
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
