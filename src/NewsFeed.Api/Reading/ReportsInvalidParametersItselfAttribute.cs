using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace NewsFeed.Api.Reading;

/// <summary>
/// Leaves invalid model state to the action instead of [ApiController]'s automatic 400, so a request with several
/// problems (pageSize=abc and an unknown sort field) gets one problem details response naming all of them.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ReportsInvalidParametersItselfAttribute : Attribute, IControllerModelConvention
{
    public void Apply(ControllerModel controller)
    {
        foreach (var action in controller.Actions)
        {
            // The automatic 400 is added per action by [ApiController] as this (internal) filter factory.
            var automatic = action.Filters.Where(f => f.GetType().Name == "ModelStateInvalidFilterFactory").ToList();
            foreach (var filter in automatic) action.Filters.Remove(filter);
        }
    }
}
