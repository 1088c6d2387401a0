namespace PaymentOrchestrator.Vipps.Userinfo;

/// <summary>
/// Vipps has no details for this <c>sub</c> at this sales unit (404): the <c>sub</c> is unknown or belongs to another
/// sales unit, or the time Vipps keeps a payment's profile data after consent (168 hours) has passed — after which a
/// withdrawn consent also takes effect. Retrying does not help; only a new payment or agreement with a scope gives a
/// new consent.
/// </summary>
/// <param name="Msn">The sales unit.</param>
/// <param name="Status">The HTTP status Vipps answered.</param>
/// <param name="Reason">What Vipps said, without the <c>sub</c>.</param>
public sealed record UserinfoUnavailable(MerchantSerialNumber Msn, int Status, string Reason) : UserinfoResult;
