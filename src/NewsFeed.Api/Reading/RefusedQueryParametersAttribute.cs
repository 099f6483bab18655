using Microsoft.AspNetCore.Mvc.Filters;

namespace NewsFeed.Api.Reading;

/// <summary>
/// Refuses query parameters that the action's parameter type binds but the action has no use for (paging on
/// <c>/export</c>, which streams every match; sort and cursor on feeds, always newest first with no next page): each one given is an error under its name with <see cref="Reason"/>,
/// reported with the action's other invalid parameters. The OpenAPI document leaves them out.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
internal sealed class RefusedQueryParametersAttribute(string reason, params string[] names) : Attribute, IActionFilter
{
    public string Reason { get; } = reason;

    public IReadOnlyList<string> Names { get; } = names;

    public void OnActionExecuting(ActionExecutingContext context)
    {
        foreach (var name in Names.Where(context.HttpContext.Request.Query.ContainsKey))
            context.ModelState.AddModelError(name, $"{name} is not taken here: {Reason}");
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }
}
