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

    /// <summary>32 characters: what <c>openssl rand -hex 16</c> prints, 128 bits that no one guesses over HTTP.</summary>
    public const int MinimumLength = 32;

    private readonly byte[][] _hashes = [.. options.Value.ApiKeys.Where(IsSet).Select(Hash)];

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

    /// <summary>A blank key is no key: imports stay closed, as a blank <c>NEWSFEED_API_KEY</c> in compose's <c>.env</c> means.</summary>
    private static bool IsSet(string? key) => !string.IsNullOrWhiteSpace(key);

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>
    /// Stops the start when a configured key is short enough to guess (a sample value such as <c>change-this-key</c> left
    /// in place). The message names the setting and the length, never the key.
    /// </summary>
    internal sealed class MinimumLengthCheck : IValidateOptions<ImportApiOptions>
    {
        public ValidateOptionsResult Validate(string? name, ImportApiOptions options)
        {
            var failures = options.ApiKeys
                .Select((key, index) => (key, index))
                .Where(k => IsSet(k.key) && k.key.Length < MinimumLength)
                .Select(k => $"Import:ApiKeys:{k.index} (Import__ApiKeys__{k.index} in the environment) is {k.key.Length} characters " +
                    $"long; an API key must be at least {MinimumLength} characters (for example the output of `openssl rand -hex 32`), " +
                    "or blank to keep imports over HTTP closed.")
                .ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
