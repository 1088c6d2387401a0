namespace PaymentOrchestrator.VippsSimulator.Userinfo;

/// <summary>
/// The customer shared the details of <paramref name="Scopes"/> with sales unit <paramref name="Msn"/> at
/// <paramref name="ConsentedAt"/>, approving a payment or accepting an agreement. Kept in the state file.
/// </summary>
/// <param name="Msn">The sales unit.</param>
/// <param name="Sub">The customer's id at that sales unit.</param>
/// <param name="Scopes">The scope values consented to (<c>openid</c> implied).</param>
/// <param name="ConsentedAt">When (simulator clock).</param>
/// <param name="WithdrawnAt">When the admin API ended it (the customer withdrew consent and the data window is over).</param>
internal sealed record ConsentGrant(string Msn, string Sub, IReadOnlyList<string> Scopes, DateTimeOffset ConsentedAt, DateTimeOffset? WithdrawnAt = null);
