using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using NewsFeed.FrontMatter;

namespace NewsFeed.Api.Errors;

/// <summary>
/// Answers 400 when a query parameter's name or value holds text no engine accepts (a NUL, an unpaired surrogate),
/// before any endpoint sees it: checked here once for every route and parameter, present or future, instead of in
/// each of them. Paths need no check: Kestrel refuses a NUL in the path itself, before the app sees the request.
/// </summary>
internal sealed class RefuseUnstorableText(RequestDelegate next, ProblemDetailsFactory problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var errors = new ModelStateDictionary();
        foreach (var (name, values) in context.Request.Query)
        {
            if (StorableText.Flaw(name) is { } nameFlaw)
                errors.AddModelError("query", $"A query parameter name holds {nameFlaw}, which no parameter accepts.");
            else if (values.Select(StorableText.Flaw).FirstOrDefault(f => f is not null) is { } flaw)
                errors.AddModelError(name, $"{name} holds {flaw}, which no parameter accepts.");
        }
        if (errors.IsValid)
        {
            await next(context);
            return;
        }
        // Written here rather than through IProblemDetailsService: on a controller's route, MVC's writer would copy the
        // problem into a plain ProblemDetails and drop its errors.
        var problem = problems.CreateValidationProblemDetails(context, errors, StatusCodes.Status400BadRequest,
            detail: string.Join(" ", errors.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)));
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, "application/problem+json", context.RequestAborted);
    }
}
