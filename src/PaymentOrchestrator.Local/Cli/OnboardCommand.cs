using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using PaymentOrchestrator.Orchestration;
using PaymentOrchestrator.Orchestration.Onboarding;
using PaymentOrchestrator.Vipps.Credentials;
using Spectre.Console;

namespace PaymentOrchestrator.Local.Cli;

/// <summary>
/// <c>sales-units onboard</c> sends a pre-filled product order for a new merchant and prints the link to send to the
/// merchant; <c>sales-units onboarding</c> lists the onboardings with their history. The order goes to Vipps with the
/// configured keys (or the simulator <c>run</c> starts); <c>run</c>'s maintenance job follows it until the merchant's
/// new sales unit appears.
/// </summary>
internal static class OnboardCommand
{
    /// <summary>The form's fields and the options that fill them, so a refusal names the option the person typed.</summary>
    private static readonly Dictionary<string, string> OptionOf = new(StringComparer.Ordinal)
    {
        ["organizationNumber"] = "--org", ["salesUnitName"] = "--name", ["productType"] = "--product-type", ["productUseCase"] = "--use-case",
        ["website"] = "--website", ["termsUrl"] = "--terms-url", ["testWebsiteUrl"] = "--test-website", ["annualTurnover"] = "--annual-turnover",
        ["intendedPurpose"] = "--purpose", ["pricePackageId"] = "--price-package",
    };

    /// <summary>Adds <c>onboard</c> and <c>onboarding</c> to the <c>sales-units</c> command.</summary>
    public static void AddTo(Command salesUnits, IAnsiConsole console)
    {
        var options = OptionOf.ToDictionary(p => p.Key, p => new Option<string>(p.Value) { Description = Describe(p.Key) }, StringComparer.Ordinal);
        options["organizationNumber"].Required = true;
        options["productType"].Required = true;
        var onboard = new Command("onboard", "Onboard a new merchant: send Vipps a pre-filled product order and print the link the merchant opens to review and submit it.");
        foreach (var option in options.Values)
        {
            onboard.Add(option);
        }

        onboard.SetAction((parse, cancellationToken) => WithOnboardingAsync(console, parse, async (onboarding, simulator) =>
        {
            string? Value(string field) => parse.GetValue(options[field]);
            var started = await onboarding.StartAsync(new OnboardingForm
            {
                OrganizationNumber = Value("organizationNumber"), SalesUnitName = Value("salesUnitName"), ProductType = Value("productType"),
                ProductUseCase = Value("productUseCase"), Website = Value("website"), TermsUrl = Value("termsUrl"), TestWebsiteUrl = Value("testWebsiteUrl"),
                AnnualTurnover = Value("annualTurnover"), IntendedPurpose = Value("intendedPurpose"), PricePackageId = Value("pricePackageId"),
            }, cancellationToken);
            switch (started)
            {
                case { Code: OnboardingStart.InvalidValue }:
                    console.MarkupLine("[red]" + Markup.Escape($"{OptionOf[started.Field!]}: {started.Reason}") + "[/]");
                    return 2;
                case { Onboarding: null }:
                    var where = started.Code == OnboardingStart.VippsUnavailable && simulator is not null
                        ? $" Vipps here is the simulator at {simulator}: start the host first (run)."
                        : string.Empty;
                    console.MarkupLine("[red]" + Markup.Escape(started.Reason + where) + "[/]");
                    return 1;
                case { Onboarding: { Status: OnboardingStatus.Refused } o }:
                    console.MarkupLine("[red]" + Markup.Escape($"Onboarding {o.Id}: {o.Reason}") + "[/]");
                    return 1;
                case { Onboarding: { Status: OnboardingStatus.Sending } o }:
                    console.MarkupLine(Markup.Escape($"Onboarding {o.Id} written, but Vipps did not answer: run sends the order again with the same key. See: sales-units onboarding"));
                    return 0;
                default:
                    var sent = started.Onboarding!;
                    console.MarkupLine(Markup.Escape($"Onboarding {sent.Id} sent: product order {sent.OrderId} for {sent.Request.BusinessIdentifier.Id} ({Onboarding.FormatProduct(sent.Request.ProductType)})."));
                    console.MarkupLine("Send this link to the merchant, who reviews and submits the order:");
                    console.MarkupLine("  " + Markup.Escape(sent.PrefillUrl?.ToString() ?? "(Vipps gave no link)"));
                    console.MarkupLine(Markup.Escape("run follows it until the new sales unit appears at Vipps; see: sales-units onboarding"));
                    return 0;
            }
        }));

        var list = new Command("onboarding", "List the onboardings of new merchants: status, prefill link, history and, once completed, the new MSN.");
        list.SetAction((parse, cancellationToken) => WithOnboardingAsync(console, parse, async (onboarding, _) =>
        {
            var all = await onboarding.ListAsync(cancellationToken);
            if (all.Count == 0)
            {
                console.MarkupLine("No onboardings yet: start one with sales-units onboard --org <number> --product-type VIPPS_PA_NETT …");
            }

            foreach (var o in all)
            {
                console.MarkupLine(Markup.Escape($"{o.Id}  {o.Request.BusinessIdentifier.Id}  '{o.Title}'  {Onboarding.FormatProduct(o.Request.ProductType)}  {o.Status}{(o.Msn is null ? "" : " MSN " + o.Msn)}"));
                foreach (var step in o.History)
                {
                    console.MarkupLine(Markup.Escape($"  {step.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}  {step.Status,-9}  {step.Detail}"));
                }

                if (o.LastCheckedAt is { } last)
                {
                    console.MarkupLine(Markup.Escape($"  checked {o.Checks} time(s) for the new sales unit, last {last.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}"));
                }

                if (o.Status == OnboardingStatus.Sent && o.PrefillUrl is { } url)
                {
                    console.MarkupLine(Markup.Escape($"  prefill link for the merchant: {url}"));
                }
            }

            return 0;
        }));

        salesUnits.Add(onboard);
        salesUnits.Add(list);
    }

    private static string Describe(string field) => field switch
    {
        "organizationNumber" => "The merchant's Norwegian organisation number (nine digits).",
        "salesUnitName" => "The new sales unit's name as customers see it: 1-30 letters, digits, spaces and ( ) - _ + . (Vipps refuses an apostrophe).",
        "productType" => "The product ordered: " + string.Join(", ", OnboardingForm.ProductTypes) + ".",
        "productUseCase" => "Where the merchant sells: Website, WebsiteWithTest, App or Unknown.",
        "website" => "The merchant's website, https:// (needed for VIPPS_PA_NETT to go through quickly; give --terms-url with it).",
        "termsUrl" => "The merchant's sales terms, https://.",
        "testWebsiteUrl" => "A test website, https:// (with --use-case WebsiteWithTest).",
        "annualTurnover" => "Annual turnover in whole NOK.",
        "intendedPurpose" => "What will be sold, and hints for Vipps's processing.",
        _ => "One of the partner's price packages (a UUID).",
    };

    /// <summary>Runs <paramref name="action"/> with the onboarding service on the configured storage and Vipps keys, or the simulator <c>run</c> starts (its address is passed on).</summary>
    private static Task<int> WithOnboardingAsync(IAnsiConsole console, ParseResult parse, Func<MerchantOnboarding, Uri?, Task<int>> action) =>
        CliApplication.WithStorageAsync(console, parse, async _ =>
        {
            var (configuration, simulator) = CliVipps.Configuration(CliApplication.ConfigurationArgs(parse));
            await using var provider = CliVipps.Services(configuration);
            try
            {
                await provider.GetRequiredService<OnboardingStore>().CreateTableIfNotExistsAsync();
                return await action(provider.GetRequiredService<MerchantOnboarding>(), simulator);
            }
            catch (Exception e) when (e is VippsCredentialException or OptionsValidationException)
            {
                console.MarkupLine("[red]Vipps configuration: " + Markup.Escape(e.Message) + "[/]");
                return 1;
            }
        });
}
