namespace NewsFeed.FrontMatter;

/// <summary>
/// Text both engines store as written: PostgreSQL text and jsonb refuse NUL, which a YAML escape (<c>"a\0b"</c>,
/// <c>"\x00"</c>) can put in any scalar or key, known or unknown (kept as <c>extra</c>), though the file itself holds
/// no NUL byte. Every key and scalar of the tree is checked before anything is mapped. Lone UTF-16 surrogates, the
/// other text UTF-8 cannot hold, cannot get this far: the file is checked to be valid UTF-8 before parsing, and
/// YamlDotNet refuses a surrogate escape such as <c>"\uD800"</c> (the fast path hands those to it). The read API refuses
/// the same text in query parameters, through <see cref="Flaw"/>.
/// </summary>
public static class StorableText
{
    /// <summary>What in <paramref name="text"/> no engine stores ("a NUL character"), or null when it is fine.</summary>
    public static string? Flaw(string? text)
    {
        if (text is null) return null;
        var span = text.AsSpan();
        // Two vectorized scans settle nearly all text: neither a NUL nor any surrogate (paired or not) in it.
        if (!span.Contains('\0') && !span.ContainsAnyInRange('\uD800', '\uDFFF')) return null;
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (c == '\0') return "a NUL character (\\0)";
            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1])) i++;
            else if (char.IsSurrogate(c)) return "an unpaired UTF-16 surrogate";
        }
        return null;
    }

    /// <summary>Adds an error for each key and scalar of <paramref name="node"/> that no engine stores.</summary>
    internal static void Check(YamlNode node, string path, List<ReadIssue> errors)
    {
        // Every file is checked and almost none has a flaw: the field paths the errors name are only built for those.
        if (!IsStorable(node)) AddErrors(node, path, errors);
    }

    private static bool IsStorable(YamlNode node)
    {
        switch (node)
        {
            case YamlScalar scalar:
                return Flaw(scalar.Value) is null;
            // Indexed loops: foreach over the lists' interfaces would box an enumerator per list of every file.
            case YamlSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                    if (!IsStorable(sequence.Items[i])) return false;
                return true;
            case YamlMap map:
                for (var i = 0; i < map.Entries.Count; i++)
                    if (Flaw(map.Entries[i].Key.Value) is not null || !IsStorable(map.Entries[i].Value)) return false;
                return true;
            default:
                return true;
        }
    }

    private static void AddErrors(YamlNode node, string path, List<ReadIssue> errors)
    {
        switch (node)
        {
            case YamlScalar scalar:
                if (Flaw(scalar.Value) is { } problem)
                    errors.Add(new ReadIssue(scalar.Line, scalar.Column, path, $"'{path}' holds {problem}, which the database cannot store."));
                break;
            case YamlSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++) AddErrors(sequence.Items[i], $"{path}[{i}]", errors);
                break;
            case YamlMap map:
                foreach (var (key, value) in map.Entries)
                {
                    // The key itself is not named: the report would carry the very character no database stores.
                    if (Flaw(key.Value) is { } keyProblem)
                        errors.Add(new ReadIssue(key.Line, key.Column, path.Length == 0 ? null : path, $"A key holds {keyProblem}, which the database cannot store."));
                    else
                        AddErrors(value, path.Length == 0 ? key.Value : $"{path}.{key.Value}", errors);
                }
                break;
        }
    }
}
