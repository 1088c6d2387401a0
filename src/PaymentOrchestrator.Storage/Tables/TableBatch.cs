using System.Globalization;
using System.Text;
using PaymentOrchestrator.Storage.Pipeline;

namespace PaymentOrchestrator.Storage.Tables;

/// <summary>The OData <c>$batch</c> wire format of an entity group transaction (multipart/mixed, CRLF).</summary>
internal static class TableBatch
{
    public const int MaxActions = 100;

    public sealed record InnerResponse(int Status, string? ETag, string Body);

    /// <summary>Refuses what the service would refuse (and Azurite would not): empty, too large, several partitions, repeats.</summary>
    public static IReadOnlyList<TableTransactionAction> Validate(IEnumerable<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var list = actions.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A transaction needs at least one action.", nameof(actions));
        }

        if (list.Count > MaxActions)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A transaction may hold at most {MaxActions} actions; got {list.Count}."), nameof(actions));
        }

        var rows = new HashSet<string>(StringComparer.Ordinal);
        var partition = list[0]?.Entity.PartitionKey;
        for (var i = 0; i < list.Count; i++)
        {
            var action = list[i] ?? throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Transaction action {i} is null."), nameof(actions));
            TableKeys.Validate(action.Entity.PartitionKey, nameof(ITableEntity.PartitionKey));
            TableKeys.Validate(action.Entity.RowKey, nameof(ITableEntity.RowKey));
            if (!string.Equals(action.Entity.PartitionKey, partition, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"A transaction must target one partition: action {i} has PartitionKey '{action.Entity.PartitionKey}' but action 0 has '{partition}'."),
                    nameof(actions));
            }

            if (!rows.Add(action.Entity.RowKey))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"A transaction may touch an entity only once: action {i} repeats RowKey '{action.Entity.RowKey}'."),
                    nameof(actions));
            }
        }

        return list;
    }

    public static (string ContentType, byte[] Body) Build(string tableUrl, IReadOnlyList<TableTransactionAction> actions)
    {
        var batch = "batch_" + Guid.NewGuid().ToString("N");
        var changeset = "changeset_" + Guid.NewGuid().ToString("N");
        var sb = new StringBuilder();
        void Line(string text = "") => sb.Append(text).Append("\r\n");

        Line("--" + batch);
        Line("Content-Type: multipart/mixed; boundary=" + changeset);
        Line();
        foreach (var action in actions)
        {
            Line("--" + changeset);
            Line("Content-Type: application/http");
            Line("Content-Transfer-Encoding: binary");
            Line();
            var entity = action.Entity;
            var entityUrl = tableUrl + TableClient.EntityKeyPath(entity.PartitionKey, entity.RowKey);
            var (method, url, ifMatch, hasBody) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", tableUrl, null, true),
                TableTransactionActionType.UpdateMerge => ("MERGE", entityUrl, action.IfMatch, true),
                TableTransactionActionType.UpdateReplace => ("PUT", entityUrl, action.IfMatch, true),
                TableTransactionActionType.Delete => ("DELETE", entityUrl, action.IfMatch, false),
                TableTransactionActionType.UpsertMerge => ("MERGE", entityUrl, (string?)null, true),
                TableTransactionActionType.UpsertReplace => ("PUT", entityUrl, null, true),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.ActionType, "Unknown transaction action type."),
            };
            Line($"{method} {url} HTTP/1.1");
            Line("Accept: application/json;odata=minimalmetadata");
            Line("DataServiceVersion: 3.0");
            if (ifMatch is not null)
            {
                Line("If-Match: " + ifMatch);
            }

            if (hasBody)
            {
                Line("Content-Type: application/json");
                Line("Prefer: return-no-content");
                Line();
                Line(TableEntityMapper.ToJson(entity).ToJsonString());
            }
            else
            {
                Line();
            }
        }

        Line("--" + changeset + "--");
        Line();
        Line("--" + batch + "--");
        return ("multipart/mixed; boundary=" + batch, Encoding.UTF8.GetBytes(sb.ToString()));
    }

    /// <summary>The inner HTTP responses of a <c>202</c> batch response, in order.</summary>
    public static IReadOnlyList<InnerResponse> ParseResponse(string body)
    {
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var result = new List<InnerResponse>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
            {
                continue;
            }

            var status = int.Parse(lines[i].AsSpan(9, 3), CultureInfo.InvariantCulture);
            string? etag = null;
            for (i++; i < lines.Length && lines[i].Length > 0; i++)
            {
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && lines[i][..colon].Trim().Equals("ETag", StringComparison.OrdinalIgnoreCase))
                {
                    etag = lines[i][(colon + 1)..].Trim();
                }
            }

            var content = new StringBuilder();
            for (i++; i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal); i++)
            {
                content.Append(lines[i]).Append('\n');
            }

            i--;
            result.Add(new InnerResponse(status, etag, content.ToString().Trim()));
        }

        return result;
    }

    /// <summary>Finds the failing action: the service prefixes the error message with its 0-based index (<c>"1:The …"</c>).</summary>
    public static (int? Index, string? Code, string? Message) DescribeFailure(InnerResponse failed, int actionCount)
    {
        var (code, message) = StorageErrorParser.ParseBody(failed.Body);
        int? index = null;
        if (message is not null)
        {
            var colon = message.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) &&
                parsed >= 0 && parsed < actionCount)
            {
                index = parsed;
                message = message[(colon + 1)..];
            }
        }

        if (index is null && actionCount == 1)
        {
            index = 0;
        }

        var end = message?.IndexOfAny(['\r', '\n']) ?? -1;
        return (index, code, end < 0 ? message?.Trim() : message![..end].Trim());
    }
}
