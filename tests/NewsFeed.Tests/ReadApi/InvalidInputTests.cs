using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ReadApi;

/// <summary>Every invalid input is a 400 problem details response naming the parameter and what is allowed, never a 500.</summary>
public abstract class InvalidInputTests<TEngine>(CorpusFixture<TEngine> corpus) where TEngine : IEngineKind
{
    private readonly HttpClient _client = corpus.App.CreateClient();

    [Theory]
    [InlineData("/articles?sort=popularity", "sort", "publishedDateTime, updatedAt, quality, heat, title, relevance")]
    [InlineData("/articles?sort=relevance", "sort", "needs a search")]
    [InlineData("/articles?sort=title,title", "sort", "twice")]
    [InlineData("/articles?pageSize=0", "pageSize", "between 1 and 100")]
    [InlineData("/articles?pageSize=101", "pageSize", "between 1 and 100")]
    [InlineData("/articles?pageSize=ten", "pageSize", "ten")]
    [InlineData("/articles?page=0", "page", "at least 1")]
    [InlineData("/articles?from=yesterday", "from", "ISO 8601")]
    [InlineData("/articles?to=2021-02-30", "to", "ISO 8601")]
    [InlineData("/articles?updatedSince=12/10/2021", "updatedSince", "ISO 8601")]
    [InlineData("/articles?cursor=not-a-cursor", "cursor", "malformed")]
    [InlineData("/articles?cursor=eyJGIjoiMTIzIn0", "cursor", "malformed")]
    [InlineData("/articles?page=2&cursor=abc", "cursor", "cannot be combined")]
    [InlineData("/articles?topics=AI", "topics", "Unknown query parameter 'topics'")]
    [InlineData("/articles/2021-12-10-chinese-ai-giant-sensetime-delays-ipo-as-u-s-prepares-investment-ban/source?foo=1", "foo", "this endpoint takes no query parameters")]
    [InlineData("/health/live?verbose=1", "verbose", "Unknown query parameter 'verbose'")]
    [InlineData("/health/ready?verbose=1", "verbose", "Unknown query parameter 'verbose'")]
    [InlineData("/articles?q=-serverless", "q", "not excluded")]
    [InlineData("/articles?q=%22%22", "q", "no words")]
    [InlineData("/articles?fields=id,body", "fields", "body")]
    [InlineData("/articles?facets=category", "facets", "topic, provider, type")]
    [InlineData("/articles?published=maybe", "published", "maybe")]
    [InlineData("/articles?minQuality=high", "minQuality", "high")]
    [InlineData("/articles/" + Http.SeedSlug + "?fields=id", "fields", "takes no query parameters")]
    [InlineData("/topics?page=2", "page", "takes no query parameters")]
    [InlineData("/providers?pageSize=500", "pageSize", "between 1 and 100")]
    [InlineData("/providers?sort=domain", "sort", "known parameters: page, pageSize, q")]
    public async Task Is_a_400_problem_that_names_the_parameter(string url, string parameter, string message)
    {
        (await _client.GetBadRequestAsync(url, parameter)).Should().Contain(message);
    }

    [Fact]
    public async Task Several_problems_are_reported_together()
    {
        await _client.GetBadRequestAsync("/articles?pageSize=abc&sort=bogus&from=x", "pageSize");
        await _client.GetBadRequestAsync("/articles?pageSize=abc&sort=bogus&from=x", "sort");
        await _client.GetBadRequestAsync("/articles?pageSize=abc&sort=bogus&from=x", "from");
    }
}

[Collection(SqliteApiCorpus.Name)]
public sealed class SqliteInvalidInputTests(CorpusFixture<OnSqlite> corpus) : InvalidInputTests<OnSqlite>(corpus);

[Collection(PostgresApiCorpus.Name)]
public sealed class PostgresInvalidInputTests(CorpusFixture<OnPostgres> corpus) : InvalidInputTests<OnPostgres>(corpus);
