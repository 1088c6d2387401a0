using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaymentOrchestrator.EndToEnd.Tests.Support;
using PaymentOrchestrator.Testing.Logging;
using PaymentOrchestrator.Vipps;
using PaymentOrchestrator.Vipps.Epayment;

namespace PaymentOrchestrator.EndToEnd.Tests.Epayment;

/// <summary>
/// Issue 25's search: a whole payment with a profile scope on the local host (Durable Task Framework on Azurite, the
/// simulator with a test person of this run's own), then every place the service writes is searched for that person's
/// details. The one allowed place is the <c>payment.customer-details.v1</c> message on the outcome queue: the webshop
/// reads it from there, and from then on the details are the webshop's.
/// </summary>
public sealed class PersonalDataSearchTests
{
    private const string Msn = TestHost.Msn;
    private const string DetailsType = "payment.customer-details.v1";

    [Fact]
    public async Task a_payment_with_customer_details_leaves_them_nowhere_but_in_their_one_outcome_message()
    {
        // Values of this run only, so that nothing else on the shared Azurite can hold them by chance.
        var run = Guid.NewGuid().ToString("N")[..8];
        var person = new Dictionary<string, string>
        {
            ["given name"] = "Gunnhild" + run,
            ["family name"] = "Aasen" + run,
            ["e-mail"] = $"gunnhild.{run}@example.com",
            ["phone number"] = "47" + (uint.Parse(run[..7], NumberStyles.HexNumber, CultureInfo.InvariantCulture) % 100_000_000).ToString("D8", CultureInfo.InvariantCulture),
            ["street address"] = $"Storgata {run} 12",
        };
        var logs = new CapturedLogs();
        await using var h = await TestHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Local:Simulator:TestPerson:GivenName"] = person["given name"],
                ["Local:Simulator:TestPerson:FamilyName"] = person["family name"],
                ["Local:Simulator:TestPerson:Email"] = person["e-mail"],
                ["Local:Simulator:TestPerson:PhoneNumber"] = person["phone number"],
                ["Local:Simulator:TestPerson:Address:StreetAddress"] = person["street address"],
            },
            configureServices: services => services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));

        var reference = TestHost.NewReference();
        var key = TestHost.PaymentKey(reference);
        await h.SendAsync(h.PaymentRequests, h.Webshop.PaymentRequested(Msn, reference, 25_000, "NOK", profileScope: ["name", "email", "phoneNumber", "address"]));
        await h.EventuallyAsync(key, v => v.Summary.Status == "AwaitingCustomer", "AwaitingCustomer");
        await h.Admin.ApprovePaymentAsync(Msn, reference);
        await h.EventuallyAsync(key, v => v.Summary.Status == "Authorized", "Authorized");
        await h.OutcomeTypesAsync(DetailsType);
        await h.SendAsync(h.PaymentRequests, h.Webshop.PaymentCaptureRequested(Msn, reference, "ship-1", 25_000, "NOK"));
        await h.EventuallyAsync(key, v => v.Summary.CapturedMinorUnits == 25_000, "captured");
        Assert.Contains("payment.captured.v1", await h.OutcomeTypesAsync("payment.captured.v1"));
        var sub = (await h.Host.Services.GetRequiredService<VippsEpaymentClient>().GetPaymentAsync(MerchantSerialNumber.Create(Msn), reference)).Profile?.Sub;
        Assert.False(string.IsNullOrEmpty(sub));
        person["sub"] = sub!;

        var places = new List<(string Where, string Text)>();
        var connection = h.SettingsUsed["Storage:ConnectionString"]!;
        var tables = h.Host.Services.GetRequiredService<TableServiceClient>();
        var hub = h.SettingsUsed["Local:Durable:TaskHub"]!;
        var tableNames = new List<string>();
        await foreach (var table in tables.QueryAsync())
        {
            tableNames.Add(table.Name);
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                places.AddRange(entity.Select(p => ($"table {table.Name} {entity.PartitionKey}/{entity.RowKey} {p.Key}", Text(p.Value))));
            }
        }

        Assert.Contains(hub + "History", tableNames, StringComparer.OrdinalIgnoreCase);
        Assert.Contains(hub + "Instances", tableNames, StringComparer.OrdinalIgnoreCase);

        // Queues are peeked (at most 32 messages each; at rest the Durable queues are all but empty). The outcome queue's
        // customer-details message is the allowed place: it is checked to hold the details, and left out of the search.
        var outcomeMessages = 0;
        await foreach (var queue in h.Queues.GetQueuesAsync())
        {
            foreach (var message in (await h.Queues.GetQueueClient(queue.Name).PeekMessagesAsync(32)).Value)
            {
                var text = Decoded(message.Body.ToArray());
                if (queue.Name == h.SettingsUsed["Orchestrator:PaymentEventsQueue"] && IsDetails(text))
                {
                    outcomeMessages++;
                    Assert.All(person.Where(p => p.Key != "sub"), p => Assert.Contains(p.Value, text, StringComparison.Ordinal));
                    continue;
                }

                places.Add(($"queue {queue.Name} message {message.MessageId}", text));
            }
        }

        Assert.Equal(1, outcomeMessages);

        // Durable Task keeps large messages and histories in blobs (gzip) under the task hub's name.
        var blobs = new BlobServiceClient(connection);
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: hub.ToLowerInvariant()))
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
                places.Add(($"blob {container.Name}/{blob.Name}", Decoded(content)));
            }
        }

        // What people read: the saga with its timeline (the console shows this), the lists, the CSV export, dead letters.
        var today = DateTime.UtcNow.Date;
        foreach (var path in new[]
        {
            $"api/sales-units/{Msn}/payments/{reference}",
            $"api/sales-units/{Msn}/payment-list",
            $"api/sales-units/{Msn}/payments-export?from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(2):yyyy-MM-dd}",
            "api/needs-attention",
            "api/dead-letters",
        })
        {
            using var response = await h.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
            places.Add(($"GET {path}", await response.Content.ReadAsStringAsync()));
        }

        places.AddRange(logs.Lines.Select(line => ("log", line)));

        Assert.True(places.Count(p => p.Where.StartsWith("table " + hub, StringComparison.OrdinalIgnoreCase)) > 10, "the Durable task hub's tables should have been searched");
        Assert.Contains(places, p => p.Where == "log" && p.Text.Contains(reference, StringComparison.Ordinal));
        Assert.Contains(places, p => p.Where.StartsWith("GET api/sales-units", StringComparison.Ordinal) && p.Text.Contains("claims name, email, phoneNumber, address", StringComparison.Ordinal));
        var found = places
            .SelectMany(place => person.Where(value => place.Text.Contains(value.Value, StringComparison.OrdinalIgnoreCase)).Select(value => $"{value.Key} in {place.Where}: {Excerpt(place.Text, value.Value)}"))
            .ToList();
        Assert.True(found.Count == 0, "Personal data outside the customer-details message:\n" + string.Join("\n", found.Take(20)));
    }

    private static bool IsDetails(string text)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement.GetProperty("type").GetString() == DetailsType;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        byte[] bytes => Decoded(bytes),
        BinaryData data => Decoded(data.ToArray()),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>The bytes as text: gunzipped when gzip, and with any base64 form decoded too.</summary>
    private static string Decoded(byte[] bytes)
    {
        if (bytes is [0x1f, 0x8b, ..])
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            return reader.ReadToEnd();
        }

        var text = Encoding.UTF8.GetString(bytes);
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text.Trim(), buffer, out var written) ? text + "\n" + Decoded(buffer[..written]) : text;
    }

    private static string Excerpt(string text, string value)
    {
        var at = text.IndexOf(value, StringComparison.OrdinalIgnoreCase);
        var start = Math.Max(0, at - 80);
        return text[start..Math.Min(text.Length, at + value.Length + 80)];
    }
}
