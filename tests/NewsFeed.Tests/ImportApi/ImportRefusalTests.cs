using System.Formats.Tar;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ImportApi;

/// <summary>
/// Every refusal of POST /import: the right status and problem details, nothing written or changed, and no staged file
/// left behind. Each test starts from a database holding one article, so "nothing changed" means something.
/// </summary>
public abstract class ImportRefusalTests<TEngine> where TEngine : IEngineKind
{
    private static readonly (string, byte[]) Good = ("good.md", TestFiles.Article("good"));

    private static async Task<(ImportApiHost Host, List<string> Before)> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var host = await ImportApiHost.StartAsync(TEngine.Engine, settings);
        await ImportApiHost.ReportOf(await host.UploadAsync("", ("existing.md", TestFiles.Article("existing"))));
        return (host, await host.SnapshotAsync());
    }

    private static async Task NothingChangedAsync(ImportApiHost host, List<string> before)
    {
        (await host.SnapshotAsync()).Should().Equal(before);
        host.StagingShouldBeEmpty();
    }

    [Fact]
    public async Task Without_the_right_key_the_answer_is_401_before_the_body_is_read()
    {
        var (host, before) = await StartAsync();
        await using var _ = host;
        // Not even valid multipart: a server that read it would answer 400, not 401.
        var garbage = new ByteArrayContent(new byte[200_000]);
        garbage.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");

        foreach (var key in new[] { null, "wrong-key", ImportApiHost.Key + "x", "" })
        {
            using var client = host.CreateClient(key);
            var problem = await ImportApiHost.ProblemOf(await client.PostAsync("/import", garbage), HttpStatusCode.Unauthorized);
            problem.GetProperty("detail").GetString().Should().Contain("X-Api-Key");
            (await client.GetAsync("/imports")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
        await NothingChangedAsync(host, before);
    }

    [Fact]
    public async Task Without_any_configured_key_the_endpoints_answer_403_saying_how_to_configure_one()
    {
        await using var host = await ImportApiHost.StartAsync(TEngine.Engine, new Dictionary<string, string?> { ["Import:ApiKeys:0"] = "" });

        var problem = await ImportApiHost.ProblemOf(await host.UploadAsync("", Good), HttpStatusCode.Forbidden);

        problem.GetProperty("detail").GetString().Should().Contain("Import__ApiKeys__0").And.Contain("command line");
        (await host.Client.GetAsync("/imports")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await host.SnapshotAsync()).Should().BeEmpty();
        host.StagingShouldBeEmpty();
    }

    [Fact]
    public async Task A_request_over_the_size_limit_is_413_whether_its_length_is_declared_or_not()
    {
        var (host, before) = await StartAsync(new() { ["Import:MaxRequestBytes"] = "50000" });
        await using var _ = host;
        var big = ("big.md", new byte[80_000]);

        await ImportApiHost.ProblemOf(await host.UploadAsync("", Good, big), HttpStatusCode.RequestEntityTooLarge);
        using var multipart = ImportApiHost.Multipart(Good, big);
        var streamed = new UnknownLengthContent(await multipart.ReadAsByteArrayAsync(), multipart.Headers.ContentType!);
        var problem = await ImportApiHost.ProblemOf(await host.Client.PostAsync("/import", streamed), HttpStatusCode.RequestEntityTooLarge);

        problem.GetProperty("detail").GetString().Should().Contain("50,000");
        await NothingChangedAsync(host, before);
    }

    [Fact]
    public async Task Too_many_files_or_archive_entries_is_413()
    {
        var (host, before) = await StartAsync(new() { ["Import:MaxUploadFiles"] = "3", ["Import:MaxArchiveEntries"] = "5" });
        await using var _ = host;

        await ImportApiHost.ProblemOf(await host.UploadAsync("", Good, Good, Good, Good), HttpStatusCode.RequestEntityTooLarge);
        var entries = Enumerable.Range(0, 6).Select(i => ($"f{i}.md", TestFiles.Article($"f{i}"))).ToArray();
        var problem = await ImportApiHost.ProblemOf(await host.UploadAsync("", Good, ("many.zip", TestFiles.Zip(entries))), HttpStatusCode.RequestEntityTooLarge);

        problem.GetProperty("detail").GetString().Should().Contain("more than 5 entries");
        await NothingChangedAsync(host, before);
    }

    [Theory]
    [InlineData("slip.zip", "points outside")]
    [InlineData("absolute.zip", "points outside")]
    [InlineData("slip.tar.gz", "points outside")]
    [InlineData("symlink.tar.gz", "is a link")]
    [InlineData("hardlink.tar.gz", "is a link")]
    [InlineData("truncated.tar.gz", "corrupt or truncated")]
    [InlineData("corrupt.zip", "corrupt or truncated")]
    [InlineData("text.zip", "not a zip archive")]
    [InlineData("text.tar.gz", "not a tar.gz archive")]
    [InlineData("text.tar", "not a tar archive")]
    public async Task An_unsafe_corrupt_or_fake_archive_is_refused_with_400_and_nothing_of_the_upload_is_imported(string name, string reason)
    {
        var (host, before) = await StartAsync();
        await using var _ = host;

        var response = await host.UploadAsync("", Good, (name, UnsafeArchive(name)));

        var problem = await ImportApiHost.ProblemOf(response, HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().Should().Contain(reason).And.Contain("Nothing was imported");
        await NothingChangedAsync(host, before);
        File.Exists(Path.Combine(Path.GetDirectoryName(host.Staging)!, "evil.md")).Should().BeFalse();
        File.Exists("/tmp/evil.md").Should().BeFalse();
    }

    private static byte[] UnsafeArchive(string name) => name switch
    {
        "slip.zip" => TestFiles.Zip(("ok.md", TestFiles.Article("ok")), ("../evil.md", TestFiles.Article("evil"))),
        "absolute.zip" => TestFiles.Zip(("/tmp/evil.md", TestFiles.Article("evil"))),
        "slip.tar.gz" => TestFiles.TarGz(TestFiles.TarFile("folder/../../evil.md", TestFiles.Article("evil"))),
        "symlink.tar.gz" => TestFiles.TarGz(TestFiles.TarFile("ok.md", TestFiles.Article("ok")),
            new PaxTarEntry(TarEntryType.SymbolicLink, "passwd.md") { LinkName = "/etc/passwd" }),
        "hardlink.tar.gz" => TestFiles.TarGz(new PaxTarEntry(TarEntryType.HardLink, "shadow.md") { LinkName = "/etc/shadow" }),
        "truncated.tar.gz" => File.ReadAllBytes(Path.Combine(RepoPaths.Corpus, "powerapps.tar.gz"))[..200_000],
        "corrupt.zip" => [.. "PK\u0003\u0004"u8, .. Enumerable.Repeat((byte)0x5A, 5000)],
        _ => Encoding.UTF8.GetBytes("This is not an archive at all, whatever its name says.\n"),
    };

    [Fact]
    public async Task A_zip_bomb_is_refused_with_413_counting_the_bytes_really_unpacked()
    {
        var (host, before) = await StartAsync(new() { ["Import:MaxUnpackedBytes"] = "5000000" });
        await using var _ = host;
        // 12 MB of zeros compress to a few kilobytes; each entry alone stays under the per-file limit.
        var zeros = new byte[3_000_000];
        var bomb = TestFiles.Zip(("a.md", zeros), ("b.md", zeros), ("c.md", zeros), ("d.md", zeros));
        bomb.Length.Should().BeLessThan(100_000);
        var tarBomb = TestFiles.TarGz([.. "abcd".Select(c => TestFiles.TarFile($"{c}.md", zeros))]);

        var problem = await ImportApiHost.ProblemOf(await host.UploadAsync("", Good, ("bomb.zip", bomb)), HttpStatusCode.RequestEntityTooLarge);
        await ImportApiHost.ProblemOf(await host.UploadAsync("", Good, ("bomb.tar.gz", tarBomb)), HttpStatusCode.RequestEntityTooLarge);

        problem.GetProperty("detail").GetString().Should().Contain("5,000,000");
        await NothingChangedAsync(host, before);

        // The same zip claiming 10-byte entries in its headers unpacks no more than that: each entry is read as 10 bytes
        // (and fails as binary), so it never gets near the limit.
        var liar = await ImportApiHost.ProblemOf(await host.UploadAsync("", ("liar.zip", LieAboutSizes(bomb))), HttpStatusCode.UnprocessableEntity);
        liar.GetProperty("report").GetProperty("failed").GetInt32().Should().Be(4);
        liar.GetProperty("report").GetProperty("errors").EnumerateArray().Should()
            .OnlyContain(e => e.GetProperty("message").GetString()!.Contains("binary"));
        host.StagingShouldBeEmpty();
    }

    /// <summary>Rewrites every declared uncompressed size (local headers and central directory) to 10 bytes.</summary>
    private static byte[] LieAboutSizes(byte[] zip)
    {
        var bytes = (byte[])zip.Clone();
        for (var i = 0; i + 30 < bytes.Length; i++)
        {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4) BitConverter.TryWriteBytes(bytes.AsSpan(i + 22, 4), 10);
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2) BitConverter.TryWriteBytes(bytes.AsSpan(i + 24, 4), 10);
        }
        return bytes;
    }

    [Fact]
    public async Task Past_the_rate_limit_the_answer_is_429_with_retry_after()
    {
        var (host, before) = await StartAsync(new() { ["Import:RateLimit:ImportsPerWindow"] = "2" });
        await using var _ = host;
        // The setup's import was the first of two allowed.
        await ImportApiHost.ReportOf(await host.UploadAsync("?dryRun=true", Good));

        var response = await host.UploadAsync("", Good);

        await ImportApiHost.ProblemOf(response, HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta!.Value.Should().BePositive();
        // Another client (no key, counted by address) has its own allowance: it still gets its 401.
        using var stranger = host.CreateClient(null);
        (await stranger.PostAsync("/import", ImportApiHost.Multipart(Good))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await host.Client.GetAsync("/imports")).StatusCode.Should().Be(HttpStatusCode.OK);
        await NothingChangedAsync(host, before);
    }

    [Fact]
    public async Task An_unknown_query_parameter_is_a_400_naming_it_and_imports_nothing()
    {
        var (host, before) = await StartAsync();
        await using var _ = host;

        var upload = await host.UploadAsync("?dryrun=true&force=yes", Good);
        var list = await host.Client.GetAsync("/imports?sort=newest");

        (await ImportApiHost.ProblemOf(upload, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("force", out var named).Should().BeTrue(named.ToString());
        (await ImportApiHost.ProblemOf(list, HttpStatusCode.BadRequest)).GetProperty("detail").GetString().Should().Contain("'sort'");
        await NothingChangedAsync(host, before);
    }

    [Fact]
    public async Task An_import_that_waits_too_long_for_another_imports_writer_is_a_503_with_retry_after()
    {
        var (host, before) = await StartAsync(new Dictionary<string, string?> { ["Import:WriterWaitSeconds"] = "1" });
        await using var _ = host;

        HttpResponseMessage response;
        await using (await WriterLock.HoldAsync(host.App.Database))
            response = await host.UploadAsync("", Good);

        var problem = await ImportApiHost.ProblemOf(response, HttpStatusCode.ServiceUnavailable);
        // On SQLite the import's own job row already waits for the one write lock, and gives up after the same wait.
        problem.GetProperty("detail").GetString().Should().Contain("the whole 1 s").And.Contain("Import:WriterWaitSeconds");
        response.Headers.RetryAfter.Should().NotBeNull();
        await NothingChangedAsync(host, before);
    }

    /// <summary>A body sent without a Content-Length (chunked), so the server only learns its size by reading it.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnknownLengthContent(byte[] bytes, MediaTypeHeaderValue type)
        {
            _bytes = bytes;
            Headers.ContentType = type;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

public sealed class SqliteImportRefusalTests : ImportRefusalTests<OnSqlite>;

public sealed class PostgresImportRefusalTests : ImportRefusalTests<OnPostgres>;
