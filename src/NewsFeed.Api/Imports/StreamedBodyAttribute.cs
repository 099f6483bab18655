using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace NewsFeed.Api.Imports;

/// <summary>
/// Keeps MVC from reading a form body for model binding (it would buffer every uploaded file before the action runs):
/// the action streams the body itself.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StreamedBodyAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var factories = context.ValueProviderFactories;
        factories.RemoveType<FormValueProviderFactory>();
        factories.RemoveType<FormFileValueProviderFactory>();
        factories.RemoveType<JQueryFormValueProviderFactory>();
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
