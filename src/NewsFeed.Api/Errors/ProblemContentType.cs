using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace NewsFeed.Api.Errors;

/// <summary>
/// Every problem details result goes out as application/problem+json, whatever the action produces otherwise: a
/// [Produces("application/feed+json")] would else have the JSON formatter label a 400 as a feed.
/// </summary>
internal sealed class ProblemContentType : IAlwaysRunResultFilter, IOrderedFilter
{
    /// <summary>After every other result filter, [Produces] included, which sets the content types too.</summary>
    public int Order => int.MaxValue;

    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is ObjectResult { Value: ProblemDetails } result)
        {
            result.ContentTypes.Clear();
            result.ContentTypes.Add("application/problem+json");
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
