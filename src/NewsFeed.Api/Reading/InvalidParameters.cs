using Microsoft.AspNetCore.Mvc;

namespace NewsFeed.Api.Reading;

internal static class InvalidParametersResult
{
    /// <summary>400 problem details listing every invalid parameter under its name, and all the messages in <c>detail</c>.</summary>
    public static ActionResult InvalidParameters(this ControllerBase controller) => controller.ValidationProblem(
        detail: string.Join(" ", controller.ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)),
        modelStateDictionary: controller.ModelState);
}
