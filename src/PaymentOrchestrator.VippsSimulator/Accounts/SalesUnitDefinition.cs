namespace PaymentOrchestrator.VippsSimulator;

/// <summary>A sales unit (merchant serial number) and what it is allowed to do.</summary>
public sealed class SalesUnitDefinition
{
    /// <summary>The merchant serial number, 4–6 digits.</summary>
    public string Msn { get; set; } = "";

    /// <summary>Display name.</summary>
    public string? Name { get; set; }

    /// <summary>Market: NO, DK or FI. Decides the currency (NOK, DKK, EUR).</summary>
    public string Country { get; set; } = "NO";

    /// <summary>Currency; derived from <see cref="Country"/> when left empty.</summary>
    public string? Currency { get; set; }

    /// <summary>When false, partial capture is refused with error 6140.</summary>
    public bool AllowPartialCapture { get; set; } = true;

    /// <summary>When false, Recurring calls for this sales unit are refused with 403 (Management API <c>configuration.recurringAllowed</c>).</summary>
    public bool RecurringEnabled { get; set; } = true;

    /// <summary>
    /// Whether the unit may skip the landing page: when false, <c>userFlow: PUSH_MESSAGE</c> (ePayment's flow without
    /// it) is refused with error 5080, and the Management API says <c>configuration.skipLandingPageAllowed: false</c> —
    /// one permission, as at Vipps.
    /// </summary>
    public bool PushMessageAllowed { get; set; } = true;

    /// <summary>When false, <c>expiresAt</c> (long-living payments) is refused with error 5050.</summary>
    public bool LongLivingPaymentsAllowed { get; set; } = true;

    /// <summary>
    /// The merchant's Norwegian organisation number (nine digits; Management API <c>businessIdentifier</c>, scheme
    /// <c>business:NO:ORG</c>). Several sales units may share one. Default: <c>9</c> and the MSN padded to eight digits.
    /// </summary>
    public string? OrganizationNumber { get; set; }

    /// <summary>Management API <c>configuration.paymentAllowed</c> (false: e.g. a Login-only unit). Reported only.</summary>
    public bool PaymentAllowed { get; set; } = true;

    /// <summary>The <see cref="CaptureType"/> whose ePayment payments are captured when the customer authorizes.</summary>
    public const string DirectCapture = "DirectCapture";

    /// <summary>
    /// Management API <c>configuration.captureType</c>: ReserveCapture, DirectCapture or NotApplicable. A
    /// <see cref="DirectCapture"/> unit's ePayment payments are captured in full when the customer authorizes; any
    /// other value is served as given, to test a client's tolerance of values the spec does not list yet.
    /// </summary>
    public string CaptureType { get; set; } = "ReserveCapture";

    /// <summary>Client ids of partner (or management) key sets this sales unit is linked to, in addition to theirs.</summary>
    public List<string> LinkedPartnerClientIds { get; set; } = [];
}
