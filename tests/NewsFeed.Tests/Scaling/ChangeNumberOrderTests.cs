using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Import;
using NewsFeed.Import.Sources;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Scaling;

/// <summary>
/// PostgreSQL's sequence hands out numbers in the order they are asked for, not in commit order; the writer asks only
/// once it holds the writer lock, so a number handed out while it waited is always below its own. (SQLite needs no
/// such test: its counter row is written inside the one write transaction SQLite allows at a time.)
/// </summary>
public sealed class ChangeNumberOrderTests
{
    [Fact]
    public async Task A_postgres_import_waiting_for_the_writer_lock_takes_a_number_above_the_one_the_lock_holder_took()
    {
        await using var app = await NewsFeedApp.StartAsync(Engine.Postgres);
        var waiting = new TaskCompletionSource();
        Task<ImportReport> import;
        long holderNumber;
        await using (await WriterLock.HoldAsync(app.Database))
        {
            import = app.Services.GetRequiredService<ImportPipeline>().RunAsync(
                ImportSources.Expand([RepoPaths.SeedFile], app.Services.GetRequiredService<ImportOptions>()), new ImportRequest(),
                new Progress<ImportProgress>(p => { if (p.WaitingForWriter) waiting.TrySetResult(); }));
            await waiting.Task.WaitAsync(TimeSpan.FromMinutes(2));
            // The lock holder's number: it commits before the waiting import can, so its number must be the smaller.
            await using var db = app.CreateDbContext();
            holderNumber = await db.Database.SqlQueryRaw<long>("SELECT nextval('change_numbers') AS \"Value\"").SingleAsync();
        }

        (await import).Created.Should().Be(1);
        await using var check = app.CreateDbContext();
        (await check.Articles.SingleAsync()).ChangeNumber.Should().BeGreaterThan(holderNumber,
            "the import committed after the lock holder, so a reader that saw the holder's number must not miss the import");
    }
}
