namespace NewsFeed.FrontMatter;

/// <summary>
/// Text both engines store as written: PostgreSQL text and jsonb refuse NUL, which a YAML escape (<c>"a\0b"</c>,
/// <c>"\x00"</c>) can put in any scalar or key, known or unknown (kept as <c>extra</c>), though the file itself holds
/// no NUL byte. Every key and scalar of the tree is checked before anything is mapped. Lone UTF-16 surrogates, the
/// other text UTF-8 cannot hold, cannot get this far: the file is checked to be valid UTF-8 before parsing, and
/// YamlDotNet refuses a surrogate escape such as <c>"\uD800"</c> (the fast path hands those to it).
/// </summary>
internal static class StorableText
{
    public static void Check(YamlNode node, string path, List<ReadIssue> errors)
    {
        switch (node)
        {
            case YamlScalar scalar:
                if (Problem(scalar.Value) is { } problem)
                    errors.Add(new ReadIssue(scalar.Line, scalar.Column, path, $"'{path}' holds {problem}, which the database cannot store."));
                break;
            case YamlSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++) Check(sequence.Items[i], $"{path}[{i}]", errors);
                break;
            case YamlMap map:
                foreach (var (key, value) in map.Entries)
                {
                    // The key itself is not named: the report would carry the very character no database stores.
                    if (Problem(key.Value) is { } keyProblem)
                        errors.Add(new ReadIssue(key.Line, key.Column, path.Length == 0 ? null : path, $"A key holds {keyProblem}, which the database cannot store."));
                    else
                        Check(value, path.Length == 0 ? key.Value : $"{path}.{key.Value}", errors);
                }
                break;
        }
    }

    private static string? Problem(string text) =>
        text.Contains('\0', StringComparison.Ordinal) ? "a NUL character (\\0)" : null;
}
