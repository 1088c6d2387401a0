namespace PaymentOrchestrator.Vipps.Epayment;

/// <summary>ePayment <c>qrFormat</c> (only with userFlow QR).</summary>
/// <param name="Format">The QR format.</param>
/// <param name="Size">Pixels per side for PNG (100–2000).</param>
public sealed record QrFormat(QrImageFormat Format, int? Size = null);
