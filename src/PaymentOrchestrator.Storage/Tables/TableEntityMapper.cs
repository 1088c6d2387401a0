using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Azure;

namespace PaymentOrchestrator.Storage.Tables;

/// <summary>
/// Entities ↔ the Table service's JSON. POCOs go through System.Text.Json (PascalCase names, attributes honoured);
/// Int64, DateTime/DateTimeOffset, Guid, byte[] and double get their <c>Name@odata.type</c> annotation, and reads use
/// the annotations that <c>odata=minimalmetadata</c> returns to restore those types.
/// </summary>
internal static class TableEntityMapper
{
    private const string OdataType = "@odata.type";

    public static JsonSerializerOptions SerializerOptions { get; } = CreateOptions();

    public static string FormatDateTime(DateTime value)
    {
        var utc = value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            _ => value,
        };
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>Validates the keys and writes the entity as the service expects it.</summary>
    public static JsonObject ToJson(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        TableKeys.Validate(entity.PartitionKey, nameof(ITableEntity.PartitionKey));
        TableKeys.Validate(entity.RowKey, nameof(ITableEntity.RowKey));
        var json = new JsonObject
        {
            ["PartitionKey"] = entity.PartitionKey,
            ["RowKey"] = entity.RowKey,
        };

        if (entity is TableEntity dynamic)
        {
            foreach (var (name, value) in dynamic)
            {
                if (!IsSystemName(name) && value is not null)
                {
                    WriteValue(json, name, value, null);
                }
            }

            return json;
        }

        var typeInfo = SerializerOptions.GetTypeInfo(entity.GetType());
        var node = JsonSerializer.SerializeToNode(entity, typeInfo) as JsonObject
                   ?? throw new ArgumentException($"{entity.GetType().Name} does not serialize to a JSON object.", nameof(entity));
        var properties = typeInfo.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var (name, value) in node)
        {
            if (IsSystemName(name) || value is null)
            {
                continue;
            }

            if (properties.TryGetValue(name, out var property) && property.CustomConverter is null && property.Get is { } get &&
                get(entity) is { } clrValue && IsTypedClrValue(clrValue))
            {
                WriteValue(json, name, clrValue, entity.GetType());
            }
            else
            {
                if (value is JsonObject or JsonArray)
                {
                    throw new NotSupportedException(
                        $"Property '{name}' of {entity.GetType().Name} is a JSON {value.GetValueKind()}; table entities hold only scalar properties.");
                }

                json[name] = value.DeepClone();
                if (properties.TryGetValue(name, out var p) && (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType) is var t &&
                    (t == typeof(double) || t == typeof(float)) && value.GetValueKind() == JsonValueKind.Number)
                {
                    json[name + OdataType] = "Edm.Double";
                }
            }
        }

        return json;
    }

    /// <summary>Reads one entity (as returned with minimalmetadata) into <typeparamref name="T"/>.</summary>
    public static T FromJson<T>(JsonObject raw, string? fallbackETag)
        where T : class, ITableEntity
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        string? etag = null;
        foreach (var (name, value) in raw)
        {
            if (name == "odata.etag")
            {
                etag = value?.GetValue<string>();
            }
            else if (name.EndsWith(OdataType, StringComparison.Ordinal) && value is not null)
            {
                annotations[name[..^OdataType.Length]] = value.GetValue<string>();
            }
        }

        T entity;
        if (typeof(T) == typeof(TableEntity))
        {
            var dynamic = new TableEntity();
            foreach (var (name, value) in raw)
            {
                if (name.StartsWith("odata.", StringComparison.Ordinal) || name.EndsWith(OdataType, StringComparison.Ordinal))
                {
                    continue;
                }

                var typed = ReadDynamic(value, annotations.GetValueOrDefault(name));
                switch (name)
                {
                    case "PartitionKey":
                        dynamic.PartitionKey = (string)typed!;
                        break;
                    case "RowKey":
                        dynamic.RowKey = (string)typed!;
                        break;
                    case "Timestamp":
                        dynamic.Timestamp = typed switch
                        {
                            DateTimeOffset dto => dto,
                            string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                            _ => null,
                        };
                        break;
                    default:
                        dynamic[name] = typed;
                        break;
                }
            }

            entity = (T)(ITableEntity)dynamic;
        }
        else
        {
            var clean = new JsonObject();
            foreach (var (name, value) in raw)
            {
                if (name.StartsWith("odata.", StringComparison.Ordinal) || name.EndsWith(OdataType, StringComparison.Ordinal))
                {
                    continue;
                }

                clean[name] = annotations.GetValueOrDefault(name) == "Edm.Int64" && value?.GetValueKind() == JsonValueKind.String
                    ? JsonValue.Create(long.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture))
                    : value?.DeepClone();
            }

            entity = clean.Deserialize((JsonTypeInfo<T>)SerializerOptions.GetTypeInfo(typeof(T)))
                     ?? throw new JsonException($"The entity could not be read as {typeof(T).Name}.");
            if (raw["Timestamp"] is { } ts && ts.GetValueKind() == JsonValueKind.String)
            {
                entity.Timestamp = DateTimeOffset.Parse(ts.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            }
        }

        etag ??= fallbackETag;
        entity.ETag = etag is null ? default : new ETag(etag);
        return entity;
    }

    private static bool IsSystemName(string name) =>
        name is "PartitionKey" or "RowKey" or "Timestamp" or "ETag" or "odata.etag" || name.EndsWith(OdataType, StringComparison.Ordinal);

    private static bool IsTypedClrValue(object value) =>
        value is long or DateTime or DateTimeOffset or Guid or byte[] or double;

    private static void WriteValue(JsonObject json, string name, object value, Type? owner)
    {
        (JsonNode? node, string? type) = value switch
        {
            string s => (JsonValue.Create(s), null),
            bool b => (JsonValue.Create(b), null),
            int i => (JsonValue.Create(i), null),
            short or ushort or byte or sbyte => (JsonValue.Create(Convert.ToInt32(value, CultureInfo.InvariantCulture)), null),
            long or uint => ((JsonNode?)JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)), "Edm.Int64"),
            double d => (JsonValue.Create(d), "Edm.Double"),
            float f => (JsonValue.Create((double)f), "Edm.Double"),
            DateTime dt => (JsonValue.Create(FormatDateTime(dt)), "Edm.DateTime"),
            DateTimeOffset dto => (JsonValue.Create(FormatDateTime(dto.UtcDateTime)), "Edm.DateTime"),
            Guid g => (JsonValue.Create(g.ToString("D")), "Edm.Guid"),
            byte[] bytes => (JsonValue.Create(Convert.ToBase64String(bytes)), "Edm.Binary"),
            BinaryData data => (JsonValue.Create(Convert.ToBase64String(data.ToArray())), "Edm.Binary"),
            _ => throw new NotSupportedException(
                $"Property '{name}'{(owner is null ? string.Empty : " of " + owner.Name)} has type {value.GetType().Name}, which table entities cannot hold."),
        };
        json[name] = node;
        if (type is not null)
        {
            json[name + OdataType] = type;
        }
    }

    private static object? ReadDynamic(JsonNode? value, string? edmType)
    {
        if (value is null)
        {
            return null;
        }

        var kind = value.GetValueKind();
        return (edmType, kind) switch
        {
            ("Edm.Int64", JsonValueKind.String) => long.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture),
            ("Edm.Int64", JsonValueKind.Number) => long.Parse(value.ToJsonString(), CultureInfo.InvariantCulture),
            ("Edm.DateTime", JsonValueKind.String) => DateTimeOffset.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            ("Edm.Guid", JsonValueKind.String) => Guid.Parse(value.GetValue<string>()),
            ("Edm.Binary", JsonValueKind.String) => Convert.FromBase64String(value.GetValue<string>()),
            ("Edm.Double", JsonValueKind.String) => double.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture),
            ("Edm.Double", JsonValueKind.Number) => double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture),
            (_, JsonValueKind.Number) => int.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
                ? (object)i
                : double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture),
            (_, JsonValueKind.True) => true,
            (_, JsonValueKind.False) => false,
            (_, JsonValueKind.String) => value.GetValue<string>(),
            _ => value.ToJsonString(),
        };
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}
