using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Hosting;

namespace PaymentOrchestrator.Orchestration.Tests.Hosting;

public sealed class HostingHelpersTests
{
    private static readonly Msn Unit = Msn.Create("123456").Value;

    [Fact]
    public void instance_ids_are_derived_from_the_saga_key_and_read_back()
    {
        var key = SagaKey.Charge(Unit, ChargeId.Create("chr-2026-03-a").Value);

        var id = SagaInstanceIds.For(key);

        Assert.Equal("saga-charge-123456-chr-2026-03-a", id);
        Assert.True(SagaInstanceIds.TryParse(id, out var read));
        Assert.Equal(key, read);
    }

    [Fact]
    public void instance_ids_of_different_kinds_or_units_differ_and_stay_short_and_plain()
    {
        var reference = new string('a', 50);
        var ids = new[]
        {
            SagaInstanceIds.For(SagaKey.Payment(Unit, PaymentReference.Create(reference).Value)),
            SagaInstanceIds.For(SagaKey.Charge(Unit, ChargeId.Create(reference).Value)),
            SagaInstanceIds.For(SagaKey.Payment(Msn.Create("654321").Value, PaymentReference.Create(reference).Value)),
        };

        Assert.Equal(3, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^[a-z0-9-]{1,100}$", id));
    }

    [Theory]
    [InlineData("saga-refund-123456-x")]
    [InlineData("saga-payment-12-order-10001")]
    [InlineData("saga-Payment-123456-order-10001")]
    [InlineData("order-10001")]
    [InlineData(null)]
    public void other_instance_ids_are_not_sagas(string? id)
    {
        Assert.False(SagaInstanceIds.TryParse(id, out _));
    }

    [Fact]
    public void the_kind_filter_is_absent_or_one_of_the_three_kinds()
    {
        Assert.Null(SagaRouteKeys.ParseKindFilter(null).Value);
        Assert.Equal(SagaKind.Agreement, SagaRouteKeys.ParseKindFilter("agreement").Value);
        Assert.Contains("kind", SagaRouteKeys.ParseKindFilter("refund").Error, StringComparison.Ordinal);
        Assert.False(SagaRouteKeys.ParseKindFilter("1").IsValid);
        Assert.False(SagaRouteKeys.ParseKindFilter("Payment, Charge").IsValid);
        Assert.False(SagaRouteKeys.ParseKindFilter("Agreement").IsValid);
    }

    [Fact]
    public void the_path_of_a_saga_is_its_query_route()
    {
        var key = SagaKey.Payment(Unit, PaymentReference.Create("order-10001").Value);

        Assert.Equal("/api/sales-units/123456/payments/order-10001?kind=payment", SagaRouteKeys.PathOf(key));
    }

    [Fact]
    public void the_service_bus_connection_is_read_as_the_functions_runtime_reads_it()
    {
        static ServiceBusConnectionSetting Read(params (string Key, string Value)[] settings) => ServiceBusConnectionSetting.Read(
            new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build());

        var identity = Read(("ServiceBusConnection:fullyQualifiedNamespace", "sb-x.servicebus.windows.net"), ("ServiceBusConnection:clientId", "abc"));
        var local = Read(("ServiceBusConnection", "Endpoint=sb://localhost;SharedAccessKeyName=k;SharedAccessKey=secret-value"));

        Assert.Equal(("sb-x.servicebus.windows.net", "abc", (string?)null), (identity.FullyQualifiedNamespace, identity.ManagedIdentityClientId, identity.ConnectionString));
        Assert.NotNull(local.ConnectionString);
        Assert.DoesNotContain("secret-value", local.ToString(), StringComparison.Ordinal);
        Assert.Contains("fullyQualifiedNamespace", Assert.Throws<InvalidOperationException>(() => Read()).Message, StringComparison.Ordinal);
    }
}
