using Microsoft.Extensions.Options;

namespace PaymentOrchestrator.Api.Tests;

public sealed class ApiKeyAuthenticatorTests
{
    private static ApiKeyAuthenticator With(params (string Name, string Key, string Source)[] keys) =>
        new(Options.Create(new ApiKeyOptions { Keys = [.. keys.Select(k => new ApiKeySettings { Name = k.Name, Key = k.Key, Source = k.Source })] }));

    [Fact]
    public void the_right_key_names_its_caller_and_source()
    {
        var keys = With(("finance", "0123456789abcdef-finance", "finance/acme"), ("ops", "0123456789abcdef-ops-key", "ops/acme"));

        Assert.Equal(new ApiCaller("ops", "ops/acme"), keys.Authenticate("0123456789abcdef-ops-key"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0123456789abcdef-financ")]
    [InlineData("0123456789abcdef-finance ")]
    [InlineData("0123456789ABCDEF-FINANCE")]
    public void a_missing_or_wrong_key_is_refused(string? presented)
    {
        Assert.Null(With(("finance", "0123456789abcdef-finance", "finance/acme")).Authenticate(presented));
    }

    [Fact]
    public void short_keys_and_keys_without_a_source_are_refused_at_start()
    {
        Assert.Throws<InvalidOperationException>(() => With(("short", "tooshort", "finance/acme")));
        Assert.Throws<InvalidOperationException>(() => With(("nosource", "0123456789abcdef-finance", "")));
    }

    [Fact]
    public void session_keys_are_long_random_and_url_safe()
    {
        var a = ApiKeyAuthenticator.NewKey();
        var b = ApiKeyAuthenticator.NewKey();

        Assert.NotEqual(a, b);
        Assert.True(a.Length >= 40);
        Assert.All(a, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
    }

    [Fact]
    public void several_keys_allow_rotation_each_acting_as_its_own_source_and_none_configured_refuses_every_key()
    {
        var keys = With(("old", "old-key-0123456789", "finance/acme"), ("new", "new-key-9876543210", "finance/acme"));

        Assert.Equal("old", keys.Authenticate("old-key-0123456789")?.Name);
        Assert.Equal("new", keys.Authenticate("new-key-9876543210")?.Name);
        Assert.Null(keys.Authenticate("new-key-987654321"));
        Assert.Null(With().Authenticate("anything-0123456789"));
    }

    [Fact]
    public void settings_never_print_a_key()
    {
        var options = new ApiKeyOptions { Keys = [new ApiKeySettings { Name = "finance", Key = "secret-key-0123456789", Source = "finance/acme" }] };

        Assert.DoesNotContain("secret-key", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-key", options.Keys[0].ToString(), StringComparison.Ordinal);
    }
}
