namespace NewsFeed.Api.OpenApi;

/// <summary>
/// Marks a query parameter that names the properties the elements of one answer property keep (a sparse fieldset):
/// documented as <c>x-projection</c> on the parameter so a tool that checks answers against the document knows the
/// element schema's <c>required</c> applies only to the properties asked for.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ProjectsAttribute(string answerProperty) : Attribute
{
    /// <summary>The answer's property whose array elements are projected (e.g. <c>items</c>).</summary>
    public string AnswerProperty { get; } = answerProperty;
}
