using System.Net;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Operations;

/// <summary>
/// A NUL in a path segment is a 400 from the real server (Kestrel refuses it before the app sees the request), never a
/// statement that PostgreSQL refuses. The in-memory test client refuses to send such a path at all, hence Kestrel here.
/// </summary>
public abstract class PathTextTests(Engine engine)
{
    [Fact]
    public async Task A_nul_in_any_path_segment_is_a_400()
    {
        await using var app = new NewsFeedApp(await Engines.NewDatabaseAsync(engine));
        app.StartKestrel();
        await app.ImportAsync(RepoPaths.SeedFile);
        using var client = app.CreateClient();

        foreach (var path in new[] { "/articles/a%00b", "/articles/%00/related", "/articles/%00/source", "/topics/%00", "/providers/wsj.com%00", "/imports/%00" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"GET {path} answered {await response.Content.ReadAsStringAsync()}");
        }
    }
}

public sealed class SqlitePathTextTests() : PathTextTests(Engine.Sqlite);

public sealed class PostgresPathTextTests() : PathTextTests(Engine.Postgres);
