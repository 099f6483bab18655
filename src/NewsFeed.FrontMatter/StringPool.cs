namespace NewsFeed.FrontMatter;

/// <summary>
/// One string for a value seen again, across the files of one import. Real files repeat most of their text: a
/// related item (its title, excerpt, URLs, provider, logo) recurs in many of its neighbours' files, and 93% of the
/// azure corpus's value text is such repeats. Sharing them cut a parsed article of that corpus from 54 kB to 16 kB, and
/// the articles an import holds between parsing and writing are most of what its memory moves with (bench/PROFILE.md).
/// <para>
/// A fixed table, each value in one slot by its hash, a newcomer replacing what held the slot: no chains, so no input
/// makes a lookup slow, and the table never holds more than <see cref="Slots"/> strings of at most
/// <see cref="LongestShared"/> characters, whatever it is fed. Safe to share between threads without a lock: a slot
/// is one reference, read and written whole, a racing write only replaces a value with another, and a hit is always
/// compared with the text first.
/// </para>
/// </summary>
public sealed class StringPool
{
    /// <summary>Enough for the repeats among neighbouring files (fewer slots lose more of them to collisions); a power of two.</summary>
    private const int Slots = 16_384;

    /// <summary>Longer values are strings of their own: they rarely repeat, and they would make the table large.</summary>
    public const int LongestShared = 512;

    private readonly string?[] _slots = new string?[Slots];

    /// <summary>The pooled string equal to <paramref name="text"/>, or a new one (pooled when short enough).</summary>
    public string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return "";
        if (text.Length > LongestShared) return text.ToString();
        var slot = string.GetHashCode(text) & (Slots - 1);
        if (Volatile.Read(ref _slots[slot]) is { } held && text.SequenceEqual(held)) return held;
        var made = text.ToString();
        Volatile.Write(ref _slots[slot], made);
        return made;
    }
}
