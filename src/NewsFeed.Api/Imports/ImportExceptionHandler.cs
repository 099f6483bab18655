using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using NewsFeed.Import.Sources;

namespace NewsFeed.Api.Imports;

/// <summary>Turns the import endpoints' refusals (bad requests, unsafe or corrupt archives, limits) into problem details.</summary>
public sealed class ImportExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            ImportRefusedException e => (e.Status, e.Title, e.Message),
            ArchiveRefusedException { TooLarge: true } e => (StatusCodes.Status413PayloadTooLarge, "The archive is over a limit",
                $"{e.Message} Nothing was imported. The limits are Import:MaxArchiveEntries and Import:MaxUnpackedBytes."),
            ArchiveRefusedException e => (StatusCodes.Status400BadRequest, "The archive is refused", $"{e.Message} Nothing was imported."),
            _ => (0, "", ""),
        };
        if (status == 0) return false;
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
