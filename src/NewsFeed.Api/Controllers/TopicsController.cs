using Microsoft.AspNetCore.Mvc;
using NewsFeed.Api.Contracts;
using NewsFeed.Api.Reading;
using NewsFeed.Data.Queries;

namespace NewsFeed.Api.Controllers;

/// <summary>Topics and how many articles each has.</summary>
[ApiController]
[ReportsInvalidParametersItself]
[Route("topics")]
[RejectUnknownQueryParameters]
public sealed class TopicsController(TopicQueries topics) : ControllerBase
{
    /// <summary>Every topic, most used first (ties by name), with its slug and its count of visible articles.</summary>
    /// <remarks>
    /// Not paged: topics are few. A topic's name or slug filters GET /articles (topic=...). Carries an ETag (send it
    /// back in If-None-Match for a 304).
    /// </remarks>
    /// <response code="200">The topics.</response>
    /// <response code="304">Unchanged since the ETag sent in If-None-Match.</response>
    /// <response code="400">A query parameter was given; this endpoint takes none.</response>
    [HttpGet(Name = "listTopics")]
    [ProducesResponseType<IReadOnlyList<Topic>>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> List(CancellationToken ct) =>
        Ok((await topics.ListAsync(ct)).Select(t => t.ToContract()).ToList());

    /// <summary>One topic by slug.</summary>
    /// <remarks>Its name, slug and count of visible articles. Carries an ETag (send it back in If-None-Match for a 304).</remarks>
    /// <param name="slug" example="ai">The topic's slug, e.g. "ai" or "power-apps".</param>
    /// <response code="200">The topic.</response>
    /// <response code="304">Unchanged since the ETag sent in If-None-Match.</response>
    /// <response code="400">A query parameter was given; this endpoint takes none.</response>
    /// <response code="404">No topic has this slug.</response>
    [HttpGet("{slug}", Name = "getTopic")]
    [ProducesResponseType<Topic>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Get([FromRoute] string slug, CancellationToken ct) =>
        await topics.GetAsync(slug, ct) is { } topic
            ? Ok(topic.ToContract())
            : Problem(statusCode: StatusCodes.Status404NotFound, title: "Topic not found",
                detail: $"No topic has the slug '{slug}'. GET /topics lists every topic with its slug.");
}
