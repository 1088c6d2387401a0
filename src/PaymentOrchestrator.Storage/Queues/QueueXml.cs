using System.Globalization;
using System.Security;
using System.Text;
using System.Xml.Linq;
using Azure;

namespace PaymentOrchestrator.Storage.Queues;

/// <summary>The Queue service's XML: request body and <c>QueueMessagesList</c> responses.</summary>
internal static class QueueXml
{
    /// <summary>Messages are at most 64 KiB as sent (base64 included).</summary>
    public const int MaxEncodedMessageLength = 64 * 1024;

    public static string Encode(BinaryData body) => Convert.ToBase64String(body.ToMemory().Span);

    public static byte[] MessageBody(string encodedText) =>
        Encoding.UTF8.GetBytes($"<QueueMessage><MessageText>{SecurityElement.Escape(encodedText)}</MessageText></QueueMessage>");

    public static IReadOnlyList<XElement> Messages(Response response)
    {
        var text = response.Content.ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        return XDocument.Parse(text).Root?.Elements("QueueMessage").ToList() ?? [];
    }

    public static string Text(XElement message, string name) =>
        message.Element(name)?.Value ?? throw new FormatException($"The queue response has no <{name}>.");

    public static DateTimeOffset? Time(XElement message, string name) =>
        message.Element(name)?.Value is { Length: > 0 } value ? ParseTime(value) : null;

    public static DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.ParseExact(value, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static long DequeueCount(XElement message) =>
        long.TryParse(message.Element("DequeueCount")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>Base64 bodies (what we send) are decoded; anything else is taken as UTF-8 text as-is.</summary>
    public static BinaryData Decode(string messageText)
    {
        var buffer = new byte[messageText.Length];
        return Convert.TryFromBase64String(messageText, buffer, out var written)
            ? new BinaryData(buffer.AsMemory(0, written))
            : BinaryData.FromString(messageText);
    }
}
