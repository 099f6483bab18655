using CsCheck;
using NewsFeed.FrontMatter;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.FrontMatter;

/// <summary>
/// The pool gives back exactly the text it is asked for, whatever it held before (values sharing a slot, long values,
/// threads racing), and one string for a repeat; read through it, every corpus file is the same document as without.
/// </summary>
public sealed class StringPoolTests
{
    // Short words of a small alphabet repeat often; some are empty or pass the bound on what is shared.
    private static readonly Gen<string> Value = Gen.Frequency(
        (20, Gen.Char['a', 'c'].Array[0, 6].Select(c => new string(c))),
        (4, Gen.Char.Array[0, 40].Select(c => new string(c))),
        (1, Gen.Int[StringPool.LongestShared - 2, StringPool.LongestShared + 2].Select(n => new string('x', n))));

    [Fact]
    public void Gives_back_the_text_asked_for_and_one_string_for_a_repeat()
    {
        Value.Array[1, 200].Sample(values =>
        {
            var pool = new StringPool();
            foreach (var value in values)
            {
                var first = pool.Get(value.ToCharArray());
                var again = pool.Get(value.ToCharArray());
                first.Should().Be(value);
                again.Should().Be(value);
                if (value.Length <= StringPool.LongestShared) again.Should().BeSameAs(first);
            }
        });
    }

    [Fact]
    public void Values_that_share_a_slot_replace_each_other_and_are_never_mixed_up()
    {
        var pool = new StringPool();
        var values = Enumerable.Range(0, 100_000).Select(i => $"value {i}").ToArray(); // several times the slots
        for (var pass = 0; pass < 2; pass++)
            values.Where(v => pool.Get(v.ToCharArray()) != v).Should().BeEmpty();
    }

    [Fact]
    public void Threads_sharing_a_pool_each_get_their_own_text()
    {
        var pool = new StringPool();
        var wrong = 0;
        Parallel.For(0, 4, thread =>
        {
            for (var i = 0; i < 200_000; i++)
            {
                var value = $"{(i * 7919 + thread) % 40_000}";
                if (pool.Get(value.ToCharArray()) != value) Interlocked.Increment(ref wrong);
            }
        });
        wrong.Should().Be(0);
    }

    [Fact]
    public void Every_corpus_file_reads_the_same_through_a_pool_and_repeats_are_one_string()
    {
        var pool = new StringPool();
        var files = Directory.GetFiles(Corpus.Azure).Concat(Directory.GetFiles(Corpus.PowerApps)).Append(RepoPaths.SeedFile).Order(StringComparer.Ordinal);
        var documents = new List<ArticleDocument>();
        foreach (var file in files)
        {
            var content = File.ReadAllBytes(file);
            var shared = ArticleFileReader.Read(content, strings: pool).Document!;
            shared.Should().BeEquivalentTo(ArticleFileReader.Read(content).Document, o => o.WithStrictOrdering(), file);
            documents.Add(shared);
        }

        // Related items recur across files: most mentions of a title should share a string (none would without the pool).
        var titles = documents.SelectMany(d => d.Related).Select(r => r.Title).OfType<string>().ToList();
        var values = titles.Distinct(StringComparer.Ordinal).Count();
        var strings = titles.Distinct(ReferenceEqualityComparer.Instance).Count();
        titles.Should().HaveCountGreaterThan(2 * values, "the corpus repeats related items");
        strings.Should().BeLessThan(titles.Count / 2, $"{titles.Count} titles of {values} values are {strings} strings");
    }
}
