using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;

namespace NewsFeed.Api.Contracts;

/// <summary>The query parameters of <c>GET /providers</c>.</summary>
public sealed record ProviderListParameters
{
    /// <summary>Keep providers whose domain or name contains this text, ignoring case.</summary>
    /// <example>journal</example>
    [FromQuery(Name = "q")] public string? Q { get; init; }

    /// <summary>1-based page number (default 1).</summary>
    /// <example>1</example>
    [FromQuery(Name = "page"), Display(Name = "page")]
    [Range(1, int.MaxValue, ErrorMessage = "page must be a whole number of at least 1.")]
    public int? Page { get; init; }

    /// <summary>Providers per page, 1-100 (default 20).</summary>
    /// <example>20</example>
    [FromQuery(Name = "pageSize"), Display(Name = "pageSize")]
    [Range(1, 100, ErrorMessage = "pageSize must be between 1 and 100.")]
    public int? PageSize { get; init; }
}
