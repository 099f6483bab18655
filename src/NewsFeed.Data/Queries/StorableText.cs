namespace NewsFeed.Data.Queries;

/// <summary>
/// Text both engines can compare and store. PostgreSQL refuses NUL in text (22021) and UTF-8 cannot carry an unpaired
/// surrogate, so text holding either can match nothing and must be refused before it reaches a statement.
/// </summary>
public static class StorableText
{
    /// <summary>What in <paramref name="text"/> no engine accepts ("a NUL character"), or null when it is fine.</summary>
    public static string? Flaw(string? text)
    {
        if (text is null) return null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return "a NUL character";
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return "an unpaired UTF-16 surrogate";
        }
        return null;
    }
}
