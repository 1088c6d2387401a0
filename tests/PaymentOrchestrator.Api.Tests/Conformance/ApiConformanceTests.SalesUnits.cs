using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PaymentOrchestrator.Domain.Values;
using PaymentOrchestrator.Orchestration.Stores;
using PaymentOrchestrator.VippsSimulator;

namespace PaymentOrchestrator.Api.Tests.Conformance;

/// <summary>The registry routes: only keys with ManagesSalesUnits; Vipps (the simulator) decides what can be registered.</summary>
public abstract partial class ApiConformanceTests
{
    private static readonly Dictionary<string, string> Manager = new() { ["x-api-key"] = ApiHost.KeyManager };

    private static readonly (HttpMethod Method, string Path)[] RegistryRoutes =
        [(HttpMethod.Get, "/api/sales-units"), (HttpMethod.Post, "/api/sales-units"), (HttpMethod.Post, "/api/sales-units/sync")];

    private static byte[] Registration(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public async Task every_registry_route_is_401_without_a_key_and_403_for_keys_that_do_not_manage_sales_units()
    {
        foreach (var (method, path) in RegistryRoutes)
        {
            var body = method == HttpMethod.Post ? Registration($"{{\"msn\":\"{SimulatorDefaults.FinlandMsn}\",\"sources\":[\"finance/a\"]}}") : null;
            var none = await host.SendAsync(method, path, body, body is null ? null : "application/json");
            Assert.Equal(401, none.Status);
            AssertProblem(none, "unauthorized");
            foreach (var key in new[] { ApiHost.KeyA, ApiHost.KeyWebshop })
            {
                var refused = await host.SendAsync(method, path, body, body is null ? null : "application/json", new Dictionary<string, string> { ["x-api-key"] = key });
                Assert.True(refused.Status == 403, $"{method} {path}: {refused.Status} {refused.Body}");
                AssertProblem(refused, "not-a-sales-unit-manager");
            }
        }

        Assert.Null(await host.Services.GetRequiredService<SalesUnitStore>().GetAsync(Msn.Create(SimulatorDefaults.FinlandMsn).Value));
    }

    [Theory]
    [InlineData("{\"msn\":\"12\",\"sources\":[\"webshop/x\"]}", "msn:")]
    [InlineData("{\"msn\":123456,\"sources\":[\"webshop/x\"]}", "msn: give a string.")]
    [InlineData("{\"msn\":\"123456\"}", "sources:")]
    [InlineData("{\"msn\":\"123456\",\"sources\":[\"urn:shop\"]}", "sources: name what urn:shop may do")]
    [InlineData("{\"msn\":\"123456\",\"sources\":[\"webshop/x\"],\"market\":\"Sweden\"}", "market must be")]
    [InlineData("{\"msn\":\"123456\",\"sources\":[\"webshop/x\"],\"environment\":\"Staging\"}", "environment:")]
    public async Task registering_with_bad_input_gets_400_naming_the_field(string json, string expected)
    {
        var answer = await host.SendAsync(HttpMethod.Post, "/api/sales-units", Registration(json), "application/json", Manager);

        Assert.Equal(400, answer.Status);
        AssertProblem(answer, "InvalidValue");
        Assert.Contains(expected, answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task registering_a_unit_vipps_does_not_link_to_our_keys_is_refused_and_writes_no_row()
    {
        var answer = await host.SendAsync(HttpMethod.Post, "/api/sales-units",
            Registration($"{{\"msn\":\"{SimulatorDefaults.UnlinkedMsn}\",\"sources\":[\"webshop/x\"]}}"), "application/json", Manager);

        Assert.Equal(409, answer.Status);
        AssertProblem(answer, "not-linked-at-vipps");
        Assert.Null(await host.Services.GetRequiredService<SalesUnitStore>().GetAsync(Msn.Create(SimulatorDefaults.UnlinkedMsn).Value));
    }

    [Fact]
    public async Task the_manager_key_sees_the_registry_next_to_vipps_registers_a_linked_unit_and_syncs()
    {
        var before = await host.SendAsync(HttpMethod.Get, "/api/sales-units", headers: Manager);
        var registered = await host.SendAsync(HttpMethod.Post, "/api/sales-units",
            Registration($"{{\"msn\":\"{SimulatorDefaults.NoRecurringMsn}\",\"sources\":[\"webshop/norec:payments,captures\"],\"market\":\"NO\"}}"), "application/json", Manager);
        var synced = await host.SendAsync(HttpMethod.Post, "/api/sales-units/sync", headers: Manager);
        var me = await host.SendAsync(HttpMethod.Get, "/api/me", headers: Manager);

        Assert.Equal(200, before.Status);
        var rows = before.Json.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("msn").GetString()!);
        Assert.Equal("Registered", rows[ApiHost.MsnA].GetProperty("status").GetString());
        Assert.Equal("NewAtVipps", rows[SimulatorDefaults.FinlandMsn].GetProperty("status").GetString());
        Assert.Equal(201, registered.Status);
        Assert.Equal(("Simulated no recurring", "Norway"), (registered.Json.GetProperty("name").GetString(), registered.Json.GetProperty("market").GetString()));
        var unit = (await host.Services.GetRequiredService<SalesUnitStore>().GetAsync(Msn.Create(SimulatorDefaults.NoRecurringMsn).Value))!;
        Assert.Equal(SourceRights.Payments | SourceRights.Captures, unit.RightsOf("webshop/norec"));
        Assert.False(unit.Capabilities!.RecurringAllowed);
        Assert.Equal(200, synced.Status);
        Assert.Contains(synced.Json.GetProperty("units").EnumerateArray(),
            u => u.GetProperty("msn").GetString() == SimulatorDefaults.NoRecurringMsn && u.GetProperty("status").GetString() == "Registered");
        Assert.True(me.Json.GetProperty("managesSalesUnits").GetBoolean());
    }
}
