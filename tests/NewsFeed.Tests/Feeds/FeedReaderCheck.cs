using NewsFeed.Tests.Cli;

namespace NewsFeed.Tests.Feeds;

/// <summary>Runs <c>tests/feeds-js/check-feeds.mjs</c>: three npm feed parsers and the offline W3C feed-validator rules.</summary>
public static class FeedReaderCheck
{
    public static Task<CliRunner.Result> RunAsync(IEnumerable<string> feedFiles) => NpmFolder.FeedsJs.NodeAsync(["check-feeds.mjs", .. feedFiles]);
}
