namespace NewsFeed.Tests.Contract;

/// <summary>
/// One way an answer breaks the OpenAPI document: which operation, which status and media type, where in the body
/// (a JSON path, <c>$</c> for the body itself or for a status or media type) and what the document says against what came.
/// </summary>
public sealed record ContractViolation(string Operation, int Status, string? MediaType, string JsonPath, string Message)
{
    /// <summary>The path with array indexes as <c>[*]</c>, so one defect repeated over a list is one group.</summary>
    public string GroupPath => System.Text.RegularExpressions.Regex.Replace(JsonPath, @"\[\d+\]", "[*]");

    public override string ToString() => $"{Operation} -> {Status} {MediaType ?? "(no content type)"} at {JsonPath}: {Message}";
}
