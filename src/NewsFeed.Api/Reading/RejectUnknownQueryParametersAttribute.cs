using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace NewsFeed.Api.Reading;

/// <summary>
/// Answers 400 when the query string has a parameter the action does not take: a misspelt filter (<c>topics=AI</c>)
/// would otherwise be ignored silently and return the unfiltered list. The allowed names are the action's own query
/// parameters, so they never drift from what it binds and Swagger documents.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
internal sealed class RejectUnknownQueryParametersAttribute : Attribute, IResourceFilter
{
    private static readonly ConcurrentDictionary<string, HashSet<string>> AllowedByAction = new();

    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var allowed = AllowedByAction.GetOrAdd(context.ActionDescriptor.Id, _ => AllowedNames(context.ActionDescriptor));
        var unknown = context.HttpContext.Request.Query.Keys.Where(k => !allowed.Contains(k)).ToList();
        if (unknown.Count == 0) return;

        var problems = context.HttpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        var errors = new ModelStateDictionary();
        var known = allowed.Count == 0 ? "this endpoint takes no query parameters" : $"known parameters: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}";
        foreach (var name in unknown) errors.AddModelError(name, $"Unknown query parameter '{name}' ({known}).");
        var problem = problems.CreateValidationProblemDetails(context.HttpContext, errors, StatusCodes.Status400BadRequest,
            detail: $"Unknown query parameter{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}: {known}.");
        context.Result = new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }

    private static HashSet<string> AllowedNames(ActionDescriptor action)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in action.Parameters.Where(p => p.BindingInfo?.BindingSource == BindingSource.Query))
        {
            var properties = parameter.ParameterType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(p => p.GetCustomAttribute<FromQueryAttribute>()?.Name).OfType<string>().ToList();
            if (properties.Count > 0) names.UnionWith(properties);
            else names.Add(parameter.BindingInfo?.BinderModelName ?? parameter.Name);
        }
        return names;
    }
}
