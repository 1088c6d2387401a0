using PaymentOrchestrator.Vipps.Credentials;
using PaymentOrchestrator.Vipps.Errors;
using PaymentOrchestrator.Vipps.Tokens;

namespace PaymentOrchestrator.Vipps.Tests.Tokens;

public class AccessTokenParseTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly VippsKeySet KeySet = new("partner", VippsKeyType.Partner, VippsEnvironment.Production, "id", new Secret("s"), new Secret("k"), null);

    [Fact]
    public void string_typed_expires_in_sets_expiry_and_an_early_refresh()
    {
        var token = VippsAccessTokenCache.Parse("""{"token_type":"Bearer","expires_in":"86398","ext_expires_in":"86398","expires_on":"1","not_before":"1","resource":"r","access_token":"eyJ.jwt.sig"}""", Now, KeySet, TimeSpan.FromMinutes(5));

        Assert.Equal("eyJ.jwt.sig", token.Value.Reveal());
        Assert.Equal(Now.AddSeconds(86398), token.ExpiresAt);
        Assert.Equal(token.ExpiresAt - TimeSpan.FromMinutes(5), token.RefreshAt);
    }

    [Fact]
    public void expires_on_is_the_fallback_when_expires_in_is_unusable()
    {
        var epoch = Now.AddHours(1).ToUnixTimeSeconds();
        var token = VippsAccessTokenCache.Parse($$"""{"expires_in":"soon","expires_on":"{{epoch}}","access_token":"t"}""", Now, KeySet, TimeSpan.FromMinutes(5));

        Assert.Equal(Now.AddHours(1), token.ExpiresAt);
    }

    [Fact]
    public void numbers_sent_as_numbers_are_accepted_too() =>
        Assert.Equal(Now.AddSeconds(3600), VippsAccessTokenCache.Parse("""{"expires_in":3600,"access_token":"t"}""", Now, KeySet, TimeSpan.Zero).ExpiresAt);

    [Fact]
    public void the_refresh_margin_is_at_most_half_the_lifetime()
    {
        var token = VippsAccessTokenCache.Parse("""{"expires_in":"60","access_token":"t"}""", Now, KeySet, TimeSpan.FromMinutes(5));

        Assert.Equal(Now.AddSeconds(30), token.RefreshAt);
    }

    [Fact]
    public void an_answer_without_expiry_fails_without_showing_the_token()
    {
        var e = Assert.Throws<VippsApiException>(() => VippsAccessTokenCache.Parse("""{"access_token":"secret-jwt-value"}""", Now, KeySet, TimeSpan.Zero));

        Assert.Contains("neither a usable expires_in nor expires_on", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-jwt-value", e.Message, StringComparison.Ordinal);
    }
}
