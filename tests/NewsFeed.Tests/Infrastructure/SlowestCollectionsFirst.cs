using Xunit.Abstractions;
using Xunit.Sdk;

namespace NewsFeed.Tests.Infrastructure;

/// <summary>
/// Starts the collections with the most work first. xunit runs at most maxParallelThreads collections at a time
/// (xunit.runner.json) and, by default, in an order of its own: a full-corpus collection that happened to start last
/// ran alone at the end of the run while the other slot had nothing left to do.
/// </summary>
public sealed class SlowestCollectionsFirst(IEnumerable<IXunitTestCase> testCases) : ITestCollectionOrderer
{
    // A full-corpus test imports or exports thousands of files: about as long as this many ordinary tests.
    private const int FullCorpusWeight = 50;

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
    {
        var work = testCases
            .GroupBy(test => test.TestMethod.TestClass.TestCollection.UniqueID)
            .ToDictionary(collection => collection.Key, collection => collection.Sum(Weight));
        return testCollections
            .OrderByDescending(collection => work.GetValueOrDefault(collection.UniqueID))
            .ThenBy(collection => collection.DisplayName, StringComparer.Ordinal);
    }

    private static int Weight(IXunitTestCase test) =>
        test.TestMethod.Method.GetCustomAttributes(typeof(FullCorpusFactAttribute)).Any() ? FullCorpusWeight : 1;
}
