using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsFeed.FrontMatter;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Export;

/// <summary>
/// Every scalar article field (<see cref="ArticleFields"/>), given a value of its own in the seed record, is stored,
/// served by <c>/articles/{id}</c> and <c>/articles</c> under its front-matter key, and written back by <c>/source</c>:
/// the list of fields is walked here, so a field added to the document is checked without editing this test.
/// </summary>
public sealed class EveryFieldTests
{
    private static readonly DateTime Instant = new(2020, 2, 2, 2, 2, 2, DateTimeKind.Utc);

    /// <summary>Long texts only a single article's answer carries.</summary>
    private static readonly string[] NotListed = ["featuredContent", "secured"];

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Each_field_is_stored_served_and_written_back(Engine engine)
    {
        var seed = ArticleFileReader.Read(File.ReadAllBytes(RepoPaths.SeedFile)).Document!;
        var document = seed with { };
        foreach (var (field, i) in ArticleFields.All.Select((f, i) => (f, i))) field.Property.SetValue(document, ValueFor(field, seed, i));
        var folder = Corpus.NewScratchFolder();
        await File.WriteAllTextAsync(Path.Combine(folder, "every-field.md"), ArticleFileWriter.Write(document));
        await using var app = await NewsFeedApp.StartAsync(engine);
        (await app.ImportAsync(folder)).Created.Should().Be(1);
        long id;
        await using (var db = app.CreateDbContext()) id = await db.Articles.Select(a => a.Id).SingleAsync();
        using var client = app.CreateClient();

        using var served = JsonDocument.Parse(await client.GetStringAsync($"/articles/{id}"));
        using var listed = JsonDocument.Parse(await client.GetStringAsync("/articles?includeRemoved=true"));
        var source = ArticleFileReader.Read(Encoding.UTF8.GetBytes(await client.GetStringAsync($"/articles/{id}/source"))).Document!;

        var item = listed.RootElement.GetProperty("items").EnumerateArray().Single();
        foreach (var field in ArticleFields.All)
        {
            var expected = field.Get(document);
            Json(served.RootElement.GetProperty(field.Key), field).Should().Be(expected, $"/articles/{{id}} serves {field.Key}");
            if (NotListed.Contains(field.Key)) item.TryGetProperty(field.Key, out _).Should().BeFalse($"lists leave {field.Key} out");
            else Json(item.GetProperty(field.Key), field).Should().Be(expected, $"/articles lists {field.Key}");
            field.Get(source).Should().Be(expected, $"/source writes {field.Key} back");
        }
    }

    /// <summary>
    /// Every scalar field of a related item (<see cref="ArticleFields.Related"/>), given a value of its own in the seed's
    /// first related item, is stored, served by <c>/articles/{id}/related</c> and in the article's <c>related</c> under its
    /// front-matter key, and written back by <c>/source</c>; walked from the list like the article's fields.
    /// </summary>
    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Each_related_item_field_is_stored_served_and_written_back(Engine engine)
    {
        var seed = ArticleFileReader.Read(File.ReadAllBytes(RepoPaths.SeedFile)).Document!;
        var related = seed.Related[0] with { };
        foreach (var (field, i) in ArticleFields.Related.Select((f, i) => (f, i))) field.Property.SetValue(related, ValueFor(field, seed.Related[0], i));
        var folder = Corpus.NewScratchFolder();
        await File.WriteAllTextAsync(Path.Combine(folder, "every-related-field.md"), ArticleFileWriter.Write(seed with { Related = [related] }));
        await using var app = await NewsFeedApp.StartAsync(engine);
        (await app.ImportAsync(folder)).Created.Should().Be(1);
        long id;
        await using (var db = app.CreateDbContext()) id = await db.Articles.Select(a => a.Id).SingleAsync();
        using var client = app.CreateClient();

        using var served = JsonDocument.Parse(await client.GetStringAsync($"/articles/{id}/related"));
        using var article = JsonDocument.Parse(await client.GetStringAsync($"/articles/{id}"));
        var source = ArticleFileReader.Read(Encoding.UTF8.GetBytes(await client.GetStringAsync($"/articles/{id}/source"))).Document!;

        var item = served.RootElement.EnumerateArray().Single();
        var inArticle = article.RootElement.GetProperty("related").EnumerateArray().Single();
        foreach (var field in ArticleFields.Related)
        {
            var expected = field.Get(related);
            Json(item.GetProperty(field.Key), field).Should().Be(expected, $"/articles/{{id}}/related serves {field.Key}");
            Json(inArticle.GetProperty(field.Key), field).Should().Be(expected, $"/articles/{{id}} serves related {field.Key}");
            field.Get(source.Related.Single()).Should().Be(expected, $"/source writes related {field.Key} back");
        }
    }

    /// <summary>A value no other field has: links stay links (a file with a non-http link would lose it).</summary>
    private static object ValueFor(ArticleField field, object seed, int index) => field.ValueType switch
    {
        var t when t == typeof(string) => field.Get(seed) is string s && s.StartsWith("http", StringComparison.Ordinal)
            ? $"https://example.com/{field.Key}"
            : $"{field.Key} value",
        var t when t == typeof(int) => 40 + index,
        var t when t == typeof(bool) => true,
        var t when t == typeof(DateTime) => Instant,
        var t => throw new NotSupportedException($"No test value for a {t.Name} field ({field.Key})."),
    };

    private static object? Json(JsonElement e, ArticleField field) =>
        e.ValueKind == JsonValueKind.Null ? null
        : field.ValueType == typeof(string) ? e.GetString()
        : field.ValueType == typeof(int) ? e.GetInt32()
        : field.ValueType == typeof(bool) ? e.GetBoolean()
        : DateTime.Parse(e.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
