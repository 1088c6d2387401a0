namespace PaymentOrchestrator.Vipps.Management;

/// <summary>
/// The merchant's website in a product order (required for <see cref="ProductType.VippsPaNett"/> to go through
/// quickly). The spec's test-site username and password are left out on purpose: this client sends nothing secret.
/// </summary>
/// <param name="Url">The website, https.</param>
/// <param name="TermsUrl">The merchant's sales terms, https.</param>
/// <param name="TestWebsiteUrl">A test website, for <see cref="ProductUseCase.WebsiteWithTest"/>.</param>
public sealed record ProductOrderWebsite(Uri Url, Uri TermsUrl, Uri? TestWebsiteUrl = null);
