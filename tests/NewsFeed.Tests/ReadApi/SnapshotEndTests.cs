using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Data.Queries;
using NewsFeed.Data.Replicas;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ReadApi;

/// <summary>
/// A list request on PostgreSQL ends its snapshot in its one command (<see cref="ReadSession.ExecuteReaderAsync"/> with
/// last), so no ROLLBACK follows in a round trip of its own. A read the request still needs after that (a short list's
/// exact count) runs in a new snapshot and is served only if that is at the same data version: after an import
/// committed in between, the session reads at the new version and the request reads again what it had read. SQLite's
/// snapshot never ends: it keeps reading the same data.
/// </summary>
public abstract class SnapshotEndTests(Engine engine)
{
    private static readonly string AzureArticle = Path.Combine(Corpus.Azure, "2019-10-23-start-building-with-azure-cognitive-services-for-free.md");

    [Fact]
    public async Task A_read_after_the_last_command_is_served_only_at_the_same_version()
    {
        await using var app = await NewsFeedApp.StartAsync(engine);
        await app.ImportAsync(RepoPaths.SeedFile);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<ReadSession>();
            (await CountAsync(session, last: true)).Should().Be(1);
            var version = session.Version;
            if (engine == Engine.Postgres)
            {
                await FluentActions.Awaiting(() => CountAsync(session)).Should().ThrowAsync<InvalidOperationException>("the snapshot has ended");
                FluentActions.Invoking(session.CreateDbContext).Should().Throw<InvalidOperationException>("a context would read outside the snapshot");
            }
            (await CountAtVersionAsync(session)).Should().Be(1, "nothing changed, so the new snapshot is at the same version");
            session.Version.Should().Be(version);
            (await CountAsync(session)).Should().Be(1, "once read at the same version, the new snapshot serves the session's reads");
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<ReadSession>();
            (await CountAsync(session, last: true)).Should().Be(1);

            (await app.ImportAsync(AzureArticle)).Created.Should().Be(1);

            var version = session.Version;
            if (engine == Engine.Postgres)
            {
                (await CountAtVersionAsync(session)).Should().BeNull("an import committed after the snapshot ended, so the version moved");
                DataVersion.Compare(session.Version!, version!).Should().BePositive("the session now reads at the import's version");
                (await CountAsync(session)).Should().Be(2, "what the session reads next is of that version");
            }
            else
            {
                (await CountAtVersionAsync(session)).Should().Be(1, "SQLite's snapshot stays open, and sees the data as it was");
                session.Version.Should().Be(version);
            }
        }
    }

    private static async Task<long> CountAsync(ReadSession session, bool last = false) =>
        (await CountAsync(session, atVersion: false, last))!.Value;

    private static Task<long?> CountAtVersionAsync(ReadSession session) => CountAsync(session, atVersion: true, last: false);

    /// <summary>The articles counted through the session; null when a read at its version found the version moved.</summary>
    private static async Task<long?> CountAsync(ReadSession session, bool atVersion, bool last)
    {
        await using var cmd = await session.CreateCommandAsync(CancellationToken.None);
        cmd.CommandText = "SELECT count(*) FROM articles";
        await using var reader = atVersion
            ? await session.ExecuteReaderAtVersionAsync(cmd, CancellationToken.None)
            : await session.ExecuteReaderAsync(cmd, CancellationToken.None, last);
        if (reader is null) return null;
        await reader.ReadAsync();
        return reader.GetInt64(0);
    }
}

public sealed class SqliteSnapshotEndTests() : SnapshotEndTests(Engine.Sqlite);

public sealed class PostgresSnapshotEndTests() : SnapshotEndTests(Engine.Postgres);
