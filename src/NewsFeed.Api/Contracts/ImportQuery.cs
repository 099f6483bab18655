namespace NewsFeed.Api.Contracts;

/// <summary>The options of <c>POST /import</c>, given in the query string.</summary>
/// <param name="DryRun">Validate and report as a real import would, but write nothing.</param>
/// <param name="Atomic">All or nothing: the whole import is one transaction (nothing is kept if it stops midway).</param>
/// <param name="Mode"><c>auto</c> (default), <c>sync</c> or <c>async</c>.</param>
public sealed record ImportQuery(bool DryRun = false, bool Atomic = false, ImportMode Mode = ImportMode.Auto);
