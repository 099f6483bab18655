namespace NewsFeed.Data.Entities;

/// <summary>A publisher, one per lower-cased domain, shared by articles and related items.</summary>
public sealed class Provider
{
    public long Id { get; set; }
    public required string Domain { get; set; }
    public string? Name { get; set; }
    /// <summary>When the record that gave <see cref="Name"/> was published: a newer record renames, an older one does not, whatever the import order.</summary>
    public DateTime NameSeenAt { get; set; }
    /// <summary>Likewise for <see cref="Logos"/>; null until an article brings logos.</summary>
    public DateTime? LogosSeenAt { get; set; }
    /// <summary>The number of the write that last created, renamed or re-logoed it (see <see cref="Article.ChangeNumber"/>).</summary>
    public long ChangeNumber { get; set; }
    public List<ProviderLogo> Logos { get; set; } = [];
}
