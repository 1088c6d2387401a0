namespace PaymentOrchestrator.VippsSimulator;

/// <summary>The documented default seed: the accounts every simulator starts with (see README).</summary>
public static class SimulatorDefaults
{
    /// <summary>Partner key set: client id.</summary>
    public const string PartnerClientId = "sim-partner-client";

    /// <summary>Partner key set: client secret.</summary>
    public const string PartnerClientSecret = "sim-partner-secret";

    /// <summary>Partner key set: primary subscription key.</summary>
    public const string PartnerSubscriptionKey = "sim-partner-sub-primary";

    /// <summary>Partner key set: secondary subscription key.</summary>
    public const string PartnerSecondarySubscriptionKey = "sim-partner-sub-secondary";

    /// <summary>Norwegian sales unit (NOK) linked to the partner.</summary>
    public const string NorwayMsn = "123456";

    /// <summary>Danish sales unit (DKK) linked to the partner.</summary>
    public const string DenmarkMsn = "223344";

    /// <summary>Finnish sales unit (EUR) linked to the partner.</summary>
    public const string FinlandMsn = "334455";

    /// <summary>Norwegian sales unit (NOK) that is NOT linked to the partner: partner calls naming it get 403.</summary>
    public const string UnlinkedMsn = "999999";

    /// <summary>
    /// Norwegian sales unit linked to the partner (and the management keys) whose Management API configuration says
    /// <c>captureType: DirectCapture</c> (its ePayment payments are captured at authorization) and that may not skip the
    /// landing page (<c>skipLandingPageAllowed: false</c>, PUSH_MESSAGE refused). Same merchant (organisation number) as
    /// <see cref="NorwayMsn"/>. No merchant keys, no report consent.
    /// </summary>
    public const string DirectCaptureMsn = "135790";

    /// <summary>
    /// Norwegian sales unit linked to the partner (and the management keys) without the Recurring API
    /// (<c>recurringAllowed: false</c>; Recurring calls for it get 403). No merchant keys, no report consent.
    /// </summary>
    public const string NoRecurringMsn = "246800";

    /// <summary>The organisation number of the merchant behind <see cref="NorwayMsn"/> and <see cref="DirectCaptureMsn"/>.</summary>
    public const string NorwayOrganizationNumber = "912345670";

    /// <summary>Management key set: client id.</summary>
    public const string ManagementClientId = "sim-management-client";

    /// <summary>Management key set: client secret.</summary>
    public const string ManagementClientSecret = "sim-management-secret";

    /// <summary>Management key set: primary subscription key.</summary>
    public const string ManagementSubscriptionKey = "sim-management-sub-primary";

    /// <summary>Management key set: secondary subscription key.</summary>
    public const string ManagementSecondarySubscriptionKey = "sim-management-sub-secondary";

    /// <summary>Accounting key set: client id.</summary>
    public const string AccountingClientId = "sim-accounting-client";

    /// <summary>Accounting key set: client secret.</summary>
    public const string AccountingClientSecret = "sim-accounting-secret";

    /// <summary>Accounting key set: primary subscription key.</summary>
    public const string AccountingSubscriptionKey = "sim-accounting-sub-primary";

    /// <summary>Accounting key set: secondary subscription key.</summary>
    public const string AccountingSecondarySubscriptionKey = "sim-accounting-sub-secondary";

    /// <summary>The MSNs linked to the default partner that have merchant keys and report consent (the money-moving tests' units).</summary>
    public static IReadOnlyList<string> LinkedMsns { get; } = [NorwayMsn, DenmarkMsn, FinlandMsn];

    /// <summary>Every MSN linked to the default partner and management keys: <see cref="LinkedMsns"/> and the capability units.</summary>
    public static IReadOnlyList<string> PartnerMsns { get; } = [NorwayMsn, DenmarkMsn, FinlandMsn, DirectCaptureMsn, NoRecurringMsn];

    /// <summary>Every seeded MSN; each has its own merchant key set.</summary>
    public static IReadOnlyList<string> AllMsns { get; } = [NorwayMsn, DenmarkMsn, FinlandMsn, UnlinkedMsn];

    /// <summary>Merchant key set of <paramref name="msn"/>: client id <c>sim-merchant-{msn}-client</c>.</summary>
    public static string MerchantClientId(string msn) => $"sim-merchant-{msn}-client";

    /// <summary>Merchant key set of <paramref name="msn"/>: client secret.</summary>
    public static string MerchantClientSecret(string msn) => $"sim-merchant-{msn}-secret";

    /// <summary>Merchant key set of <paramref name="msn"/>: primary subscription key.</summary>
    public static string MerchantSubscriptionKey(string msn) => $"sim-merchant-{msn}-sub-primary";

    /// <summary>Merchant key set of <paramref name="msn"/>: secondary subscription key.</summary>
    public static string MerchantSecondarySubscriptionKey(string msn) => $"sim-merchant-{msn}-sub-secondary";

    /// <summary>
    /// The ledger a sales unit settles in by default (one per sales unit): <c>1</c> and the MSN padded to six digits,
    /// e.g. <c>1123456</c>. The default accounting key set has report consent for the linked MSNs, not for 999999.
    /// </summary>
    public static string DefaultLedgerId(string msn) => Report.SettlementBook.DefaultLedgerId(msn);

    /// <summary>The default seed as data (what <see cref="SimulatorOptions.UseDefaultSeed"/> loads).</summary>
    public static SimulatorSeed CreateSeed()
    {
        var seed = new SimulatorSeed
        {
            SalesUnits =
            [
                new SalesUnitDefinition { Msn = NorwayMsn, Name = "Simulated Norway", Country = "NO", OrganizationNumber = NorwayOrganizationNumber },
                new SalesUnitDefinition { Msn = DenmarkMsn, Name = "Simulated Denmark", Country = "DK" },
                new SalesUnitDefinition { Msn = FinlandMsn, Name = "Simulated Finland", Country = "FI" },
                new SalesUnitDefinition { Msn = UnlinkedMsn, Name = "Simulated unlinked", Country = "NO" },
                new SalesUnitDefinition { Msn = DirectCaptureMsn, Name = "Simulated direct capture", Country = "NO", OrganizationNumber = NorwayOrganizationNumber, CaptureType = SalesUnitDefinition.DirectCapture, PushMessageAllowed = false },
                new SalesUnitDefinition { Msn = NoRecurringMsn, Name = "Simulated no recurring", Country = "NO", RecurringEnabled = false },
            ],
            KeySets =
            [
                new KeySetDefinition
                {
                    Type = KeySetType.Partner,
                    ClientId = PartnerClientId,
                    ClientSecret = PartnerClientSecret,
                    PrimarySubscriptionKey = PartnerSubscriptionKey,
                    SecondarySubscriptionKey = PartnerSecondarySubscriptionKey,
                    LinkedMsns = [.. PartnerMsns],
                },
                new KeySetDefinition
                {
                    Type = KeySetType.Management,
                    ClientId = ManagementClientId,
                    ClientSecret = ManagementClientSecret,
                    PrimarySubscriptionKey = ManagementSubscriptionKey,
                    SecondarySubscriptionKey = ManagementSecondarySubscriptionKey,
                    LinkedMsns = [.. PartnerMsns],
                },
                new KeySetDefinition
                {
                    Type = KeySetType.Accounting,
                    ClientId = AccountingClientId,
                    ClientSecret = AccountingClientSecret,
                    PrimarySubscriptionKey = AccountingSubscriptionKey,
                    SecondarySubscriptionKey = AccountingSecondarySubscriptionKey,
                    LinkedMsns = [.. LinkedMsns],
                },
            ],
        };
        foreach (var msn in AllMsns)
        {
            seed.KeySets.Add(new KeySetDefinition
            {
                Type = KeySetType.Merchant,
                ClientId = MerchantClientId(msn),
                ClientSecret = MerchantClientSecret(msn),
                PrimarySubscriptionKey = MerchantSubscriptionKey(msn),
                SecondarySubscriptionKey = MerchantSecondarySubscriptionKey(msn),
                Msn = msn,
            });
        }

        return seed;
    }
}
