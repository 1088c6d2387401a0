using PaymentOrchestrator.Storage.Tables;
using PaymentOrchestrator.Storage.Tests.Support;

namespace PaymentOrchestrator.Storage.Tests.Tables;

public sealed class EntityTypingTests
{
    private static TypedEntity Sample() => new()
    {
        PartitionKey = "typed",
        RowKey = "1",
        AmountMinor = 5_000_000_001L,
        OptionalLong = -7L,
        Count = 42,
        Ratio = 2.0,
        Flag = true,
        CreatedUtc = new DateTime(2026, 11, 21, 23, 22, 56, 123, DateTimeKind.Utc).AddTicks(4567),
        DueOn = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.FromHours(2)),
        CorrelationId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        Payload = [0, 1, 2, 250, 255],
        Text = "plain",
        Renamed = "via attribute",
        NotStored = "ignored",
    };

    [Fact]
    public async Task typed_properties_of_a_poco_round_trip()
    {
        var table = await Support.Storage.NewTableAsync();
        var sent = Sample();

        await table.AddEntityAsync(sent);
        var read = await table.GetEntityAsync<TypedEntity>("typed", "1");

        Assert.Equal(sent.AmountMinor, read.AmountMinor);
        Assert.Equal(sent.OptionalLong, read.OptionalLong);
        Assert.Equal(sent.Count, read.Count);
        Assert.Equal(sent.Ratio, read.Ratio);
        Assert.True(read.Flag);
        Assert.Equal(sent.CreatedUtc, read.CreatedUtc);
        Assert.Equal(DateTimeKind.Utc, read.CreatedUtc.Kind);
        Assert.Equal(sent.DueOn, read.DueOn);
        Assert.Equal(sent.CorrelationId, read.CorrelationId);
        Assert.Equal(sent.Payload, read.Payload);
        Assert.Equal("plain", read.Text);
        Assert.Equal("via attribute", read.Renamed);
        Assert.Null(read.NotStored);
    }

    [Fact]
    public async Task the_service_stores_edm_types_so_typed_filters_match()
    {
        var table = await Support.Storage.NewTableAsync();
        var sent = Sample();
        await table.AddEntityAsync(sent);

        async Task<int> Count(string filter)
        {
            var n = 0;
            await foreach (var unused in table.QueryAsync<TypedEntity>(filter))
            {
                n++;
            }

            return n;
        }

        Assert.Equal(1, await Count(TableClient.CreateQueryFilter($"AmountMinor gt {5_000_000_000L}")));
        Assert.Equal(0, await Count(TableClient.CreateQueryFilter($"AmountMinor gt {5_000_000_001L}")));
        Assert.Equal(1, await Count(TableClient.CreateQueryFilter($"DueOn eq {sent.DueOn}")));
        Assert.Equal(1, await Count(TableClient.CreateQueryFilter($"CreatedUtc lt {new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc)}")));
        Assert.Equal(1, await Count(TableClient.CreateQueryFilter($"CorrelationId eq {sent.CorrelationId}")));
        Assert.Equal(1, await Count(TableClient.CreateQueryFilter($"Flag eq {true} and Count eq {42}")));
    }

    [Fact]
    public async Task a_dynamic_entity_reads_back_typed_values_and_can_be_written()
    {
        var table = await Support.Storage.NewTableAsync();
        await table.AddEntityAsync(Sample());

        var dynamic = await table.GetEntityAsync<TableEntity>("typed", "1");
        dynamic["Extra"] = "added";
        dynamic["Big"] = long.MaxValue;
        await table.UpdateEntityAsync(dynamic, dynamic.ETag);
        var again = await table.GetEntityAsync<TableEntity>("typed", "1");

        Assert.Equal(("typed", "1"), (dynamic.PartitionKey, dynamic.RowKey));
        Assert.IsType<long>(dynamic["AmountMinor"]);
        Assert.Equal(5_000_000_001L, dynamic.GetInt64("AmountMinor"));
        Assert.IsType<int>(dynamic["Count"]);
        Assert.IsType<DateTimeOffset>(dynamic["CreatedUtc"]);
        Assert.IsType<Guid>(dynamic["CorrelationId"]);
        Assert.Equal(new byte[] { 0, 1, 2, 250, 255 }, dynamic.GetBinary("Payload"));
        Assert.Equal(2.0, dynamic.GetDouble("Ratio"));
        Assert.Equal(true, dynamic.GetBoolean("Flag"));
        Assert.NotNull(dynamic.Timestamp);
        Assert.False(dynamic.ContainsKey("odata.etag"));
        Assert.Equal("added", again.GetString("Extra"));
        Assert.Equal(long.MaxValue, again.GetInt64("Big"));
        Assert.Equal("via attribute", again.GetString("renamed_prop"));
    }

    [Fact]
    public void nested_objects_are_refused_with_the_property_name()
    {
        var error = Assert.Throws<NotSupportedException>(() => TableEntityMapper.ToJson(new NestedEntity { PartitionKey = "p", RowKey = "r" }));

        Assert.Contains("'Inner'", error.Message, StringComparison.Ordinal);
    }

    private sealed class NestedEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = string.Empty;

        public string RowKey { get; set; } = string.Empty;

        public DateTimeOffset? Timestamp { get; set; }

        public Azure.ETag ETag { get; set; }

        public int[] Inner { get; set; } = [1];
    }
}
