namespace PaymentOrchestrator.Vipps.Userinfo;

/// <summary>The customer's details as Vipps holds them for this sales unit. Its text form shows claim names only.</summary>
/// <param name="Msn">The sales unit the details were read for (the <c>sub</c> is only valid for it).</param>
/// <param name="Claims">The claims.</param>
public sealed record UserinfoFound(MerchantSerialNumber Msn, UserinfoClaims Claims) : UserinfoResult;
