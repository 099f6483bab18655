using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using NewsFeed.Data;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Storage;

/// <summary>Each engine's migrations match the model, and apply to an empty database.</summary>
public abstract class MigrationTests(Engine engine)
{
    [Fact]
    public async Task The_migrations_do_not_lag_the_model()
    {
        await using var app = await NewsFeedApp.StartAsync(engine);
        await using var db = app.CreateDbContext();
        db.Database.HasPendingModelChanges().Should().BeFalse(
            $"the {engine} migrations must be regenerated after a model change (see README, Development)");
        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).Should().NotBeEmpty();
        db.Database.GetMigrations().Should().AllSatisfy(m => m.Should().NotBeNullOrEmpty());
    }

    /// <summary>
    /// The migrator reads the history table itself and finds this build's migrations by reflection, so that a command
    /// finding the database up to date never starts EF Core; EF Core's own answer is the reference, on a new database,
    /// one migrated part of the way and one up to date.
    /// </summary>
    [Fact]
    public async Task The_migrator_finds_pending_what_EF_Core_finds_pending()
    {
        var settings = await Engines.NewDatabaseAsync(engine);
        var options = DataServiceCollectionExtensions.Configure(new DbContextOptionsBuilder<NewsFeedDbContext>(), settings);
        var contexts = new PooledDbContextFactory<NewsFeedDbContext>((DbContextOptions<NewsFeedDbContext>)options.Options);
        var migrator = new DatabaseMigrator(contexts, settings);
        await using var db = await contexts.CreateDbContextAsync();
        var all = db.Database.GetMigrations().ToList();
        all.Should().HaveCountGreaterThan(2);

        foreach (var target in new[] { null, all[1], all[^1] })
        {
            if (target is not null) await db.GetService<IMigrator>().MigrateAsync(target);
            var expected = (await db.Database.GetPendingMigrationsAsync()).ToList();

            (await migrator.GetPendingMigrationsAsync()).Should().Equal(expected, $"migrated up to {target ?? "nothing"}");
            if (target is null && engine == Engine.Sqlite)
                File.Exists(new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource).Should().BeFalse("reading creates no database");
            expected.Should().Equal(all.SkipWhile(id => target is not null && string.CompareOrdinal(id, target) <= 0));
        }
    }

    [Fact]
    public async Task The_migrate_command_migrates_a_new_database()
    {
        var settings = await Engines.NewDatabaseAsync(engine);
        var exitCode = await NewsFeed.Api.Cli.CommandLine.RunAsync(
            ["migrate", $"--Database:Provider={settings.Provider}", $"--ConnectionStrings:NewsFeed={settings.ConnectionString}"]);
        exitCode.Should().Be(0);

        var options = new DbContextOptionsBuilder<NewsFeedDbContext>();
        DataServiceCollectionExtensions.Configure(options, settings);
        await using var db = new NewsFeedDbContext(options.Options);
        (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        (await db.Articles.CountAsync()).Should().Be(0);
    }
}

public sealed class SqliteMigrationTests() : MigrationTests(Engine.Sqlite);

public sealed class PostgresMigrationTests() : MigrationTests(Engine.Postgres)
{
    /// <summary>
    /// Every start but the first, and every command-line import, finds the database up to date: the migrator then only
    /// reads which migrations it has, without Migrate's lock on the history table or its comparison of the model.
    /// </summary>
    [Fact]
    public async Task An_up_to_date_database_is_only_read()
    {
        await using var app = await NewsFeedApp.StartAsync(Engine.Postgres);
        using var trace = new ReadApi.CommandTrace(app.Database.ConnectionString);

        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();

        trace.Commands.Should().NotBeEmpty().And.OnlyContain(sql => !sql.Contains("LOCK", StringComparison.OrdinalIgnoreCase)
            && !sql.Contains("INSERT", StringComparison.OrdinalIgnoreCase), string.Join("\n", trace.Commands));
    }
}
