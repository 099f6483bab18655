using System.Security.Cryptography;
using System.Text.Json;

namespace NewsFeed.FrontMatter;

/// <summary>
/// SHA-256 of an article's content as read: two files that say the same thing in different bytes (the original and
/// its export, say) hash the same. Serializing the record covers every field it has, so a new field counts at once.
/// </summary>
public static class DocumentHash
{
    public static byte[] Of(ArticleDocument document) => SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(document));
}
