using Microsoft.EntityFrameworkCore;
using NewsFeed.Data;
using NewsFeed.FrontMatter;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Import;

/// <summary>Real corpus files arranged for import tests, and a way to make the engine itself refuse some of them.</summary>
public static class ImportTestFiles
{
    /// <summary>
    /// A folder called <paramref name="name"/> holding links to the files, so the paths an import reports and stores
    /// (<c>name/file.md</c>) are the same whichever subset or split of the corpus a test imports.
    /// </summary>
    public static string LinkFolder(IEnumerable<string> files, string name = "azure")
    {
        var folder = Path.Combine(Corpus.NewScratchFolder(), name);
        Directory.CreateDirectory(folder);
        foreach (var file in files) File.CreateSymbolicLink(Path.Combine(folder, Path.GetFileName(file)), file);
        return folder;
    }

    public static string TitleOf(string file) => ArticleFileReader.Read(File.ReadAllBytes(file)).Document!.Title;

    public static string CanonicalUrlOf(string file) => ArticleFileReader.Read(File.ReadAllBytes(file)).Document!.CanonicalUrl;

    /// <summary>
    /// Makes the database engine itself refuse any article row with one of these titles (a trigger raising an error, as
    /// a value an engine refuses would), whatever the reader accepts.
    /// </summary>
    public static async Task RefuseTitlesAsync(NewsFeedApp app, params string[] titles)
    {
        await using var db = app.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync(app.Database.Provider == DatabaseProvider.Postgres
            ? """
              CREATE TABLE refused_titles (title text PRIMARY KEY);
              CREATE FUNCTION refuse_title() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN
                IF EXISTS (SELECT 1 FROM refused_titles WHERE title = NEW.title) THEN RAISE EXCEPTION 'refused title: %', NEW.title; END IF;
                RETURN NEW;
              END $$;
              CREATE TRIGGER refuse_title BEFORE INSERT OR UPDATE ON articles FOR EACH ROW EXECUTE FUNCTION refuse_title();
              """
            : """
              CREATE TABLE refused_titles (title TEXT PRIMARY KEY);
              CREATE TRIGGER refuse_title_insert BEFORE INSERT ON articles WHEN NEW.title IN (SELECT title FROM refused_titles)
                BEGIN SELECT RAISE(ABORT, 'refused title'); END;
              CREATE TRIGGER refuse_title_update BEFORE UPDATE ON articles WHEN NEW.title IN (SELECT title FROM refused_titles)
                BEGIN SELECT RAISE(ABORT, 'refused title'); END;
              """);
        foreach (var title in titles) await db.Database.ExecuteSqlAsync($"INSERT INTO refused_titles (title) VALUES ({title})");
    }

    public static async Task<List<string>> SnapshotAsync(NewsFeedApp app)
    {
        await using var db = app.CreateDbContext();
        return await DatabaseSnapshot.TakeAsync(db);
    }
}
