namespace NewsFeed.Api.Imports;

/// <summary>A request the import endpoints refuse before importing anything; answered as problem details with its status.</summary>
public sealed class ImportRefusedException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public static ImportRefusedException RequestTooLarge(long limit) => new(StatusCodes.Status413PayloadTooLarge,
        "The request is too large",
        $"The request body is larger than the limit of {limit:N0} bytes (Import:MaxRequestBytes). Split the upload, or import a server folder.");

    public static ImportRefusedException BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "The import request is invalid", detail);

    public static ImportRefusedException Forbidden(string title, string detail) => new(StatusCodes.Status403Forbidden, title, detail);
}
