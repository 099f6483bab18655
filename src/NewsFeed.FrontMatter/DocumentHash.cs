using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsFeed.FrontMatter;

/// <summary>
/// SHA-256 of an article's content as read: two files that say the same thing in different bytes (the original and
/// its export, say) hash the same. Serializing the record covers every field it has, so a new field counts at once.
/// </summary>
public static class DocumentHash
{
    // The JSON is only hashed, never kept: each parser thread writes it into one buffer of its own rather than a new
    // array per article (45 kB on average for the corpus, 221 MB for the azure import, the larger ones on the large
    // object heap). A buffer grown past MaxKept by one huge article is let go rather than held for the thread's life.
    private const int MaxKept = 1024 * 1024;

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    public static byte[] Of(ArticleDocument document)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(64 * 1024);
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, document, DocumentJson.Default.ArticleDocument);
        writer.Flush();
        var hash = SHA256.HashData(buffer.WrittenSpan);
        if (buffer.Capacity > MaxKept) (t_buffer, t_writer) = (null, null);
        return hash;
    }
}

/// <summary>
/// The document's JSON as the reflection-based serializer with default options writes it, byte for byte (stored
/// hashes stay valid), by generated code: a tenth of an import's parsing time went to reflection-driven serializing.
/// </summary>
[JsonSerializable(typeof(ArticleDocument))]
internal sealed partial class DocumentJson : JsonSerializerContext;
