using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace NewsFeed.Api.Imports;

/// <summary>
/// The keys allowed to import (<c>Import:ApiKeys</c>). A presented key is hashed and compared with every configured key's
/// hash in constant time, so neither a key's content nor its length can be learned from response times.
/// </summary>
public sealed class ApiKeys(IOptions<ImportApiOptions> options)
{
    public const string Header = "X-Api-Key";

    private readonly byte[][] _hashes = [.. options.Value.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(Hash)];

    public bool AnyConfigured => _hashes.Length > 0;

    /// <summary>The position of the matching configured key, or -1: the same work whichever key matches, or none.</summary>
    public int Match(string? presented)
    {
        if (string.IsNullOrEmpty(presented)) return -1;
        var hash = Hash(presented);
        var match = -1;
        for (var i = 0; i < _hashes.Length; i++)
            if (CryptographicOperations.FixedTimeEquals(hash, _hashes[i])) match = i;
        return match;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
