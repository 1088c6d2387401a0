using Microsoft.Extensions.Configuration;

namespace PaymentOrchestrator.VippsSimulator.Tests.Userinfo;

public sealed class TestPersonOptionsTests
{
    [Fact]
    public void the_test_person_binds_from_the_simulator_section_replacing_the_default_addresses()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Simulator:TestPerson:Email"] = "ola@example.com",
            ["Simulator:TestPerson:OtherAddresses:0:StreetAddress"] = "Storgata 1",
            ["Simulator:TestPerson:ExtraClaims:preferred_language"] = "nb",
            ["Simulator:UserinfoRetention"] = "01:00:00",
        }).Build();

        var options = configuration.GetSection(SimulatorOptions.SectionName).Get<SimulatorOptions>()!;

        Assert.Equal("ola@example.com", options.TestPerson.Email);
        Assert.Equal("Kari", options.TestPerson.GivenName);
        Assert.Equal("Storgata 1", Assert.Single(options.TestPerson.OtherAddresses!).StreetAddress);
        Assert.Equal("nb", options.TestPerson.ExtraClaims["preferred_language"]);
        Assert.Equal(TimeSpan.FromHours(1), options.UserinfoRetention);
    }
}
