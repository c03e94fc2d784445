using Microsoft.Extensions.Configuration;

namespace Ingest.Storage.Tests;

public class StorageConnectionTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void Connection_string_wins()
    {
        var c = StorageConnection.Resolve(Config(("IngestStorage", "UseDevelopmentStorage=true")), "IngestStorage");
        Assert.Equal("UseDevelopmentStorage=true", c.ConnectionString);
        Assert.Null(c.Credential);
        Assert.NotNull(c.CreateBlobServiceClient());
        Assert.NotNull(c.CreateQueueServiceClient());
        Assert.NotNull(c.CreateTableServiceClient());
    }

    [Fact]
    public void Identity_based_settings_use_a_token_credential()
    {
        var c = StorageConnection.Resolve(Config(
            ("IngestStorage:blobServiceUri", "https://acct.blob.core.windows.net"),
            ("IngestStorage:queueServiceUri", "https://acct.queue.core.windows.net"),
            ("IngestStorage:tableServiceUri", "https://acct.table.core.windows.net"),
            ("IngestStorage:clientId", "00000000-0000-0000-0000-000000000001")), "IngestStorage");
        Assert.Null(c.ConnectionString);
        Assert.NotNull(c.Credential);
        Assert.Equal("acct.table.core.windows.net", c.TableUri!.Host);
        Assert.Equal("acct", c.CreateBlobServiceClient().AccountName);
    }

    [Fact]
    public void Queue_and_table_uris_are_derived_from_the_blob_uri()
    {
        var c = StorageConnection.Resolve(Config(("IngestStorage:serviceUri", "https://acct.blob.core.windows.net")), "IngestStorage");
        Assert.Equal("acct.queue.core.windows.net", c.QueueUri!.Host);
        Assert.Equal("acct.table.core.windows.net", c.TableUri!.Host);
    }

    [Fact]
    public void Account_name_is_enough()
    {
        var c = StorageConnection.Resolve(Config(("IngestStorage:accountName", "acct")), "IngestStorage");
        Assert.Equal("acct.blob.core.windows.net", c.BlobUri!.Host);
    }

    [Fact]
    public void Missing_connection_names_the_settings()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => StorageConnection.Resolve(Config(), "IngestStorage"));
        Assert.Contains("IngestStorage__blobServiceUri", ex.Message);
    }
}
