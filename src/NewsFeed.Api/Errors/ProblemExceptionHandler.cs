using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using NewsFeed.Api.Imports;
using NewsFeed.Data;
using NewsFeed.Data.Writing;
using NewsFeed.Import.Sources;

namespace NewsFeed.Api.Errors;

/// <summary>
/// The one place that turns exceptions into responses: refusals the code throws on purpose (import requests, the
/// importer's refused input, request bodies) become their 4xx problem, a database that does not answer a 503 with
/// Retry-After, and anything else a 500 problem carrying the trace id, with the details in the log only.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>How long clients are asked to wait after an outage: long enough for a restart or fail-over to finish.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Describe(exception);
        if (problem.Status >= StatusCodes.Status500InternalServerError)
        {
            if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            {
                LogUnavailable(logger, exception.GetType().Name, exception.Message);
                httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else LogUnexpected(logger, exception);
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    private static ProblemDetails Describe(Exception exception) => exception switch
    {
        ImportRefusedException e => Problem(e.Status, e.Title, e.Message),
        InputRefusedException e => Refused(e),
        BadHttpRequestException e => Problem(e.StatusCode, "The request is refused", e.Message),
        // Not the client's fault and not a bug: the import may simply be tried again once the other one has finished.
        WriterBusyException e => Problem(StatusCodes.Status503ServiceUnavailable, "Another import is writing",
            $"{e.Message} What this import committed before stays committed; try again when the other import has finished."),
        _ when DatabaseFailures.Unavailable(exception) => Problem(StatusCodes.Status503ServiceUnavailable, "The database is unavailable",
            $"The database does not answer at the moment; nothing was changed. Try again in {RetryAfterSeconds} seconds (Retry-After)."),
        _ => Problem(StatusCodes.Status500InternalServerError, "An unexpected error occurred",
            "The server failed to answer this request. The log has the details under this response's traceId."),
    };

    private static ProblemDetails Refused(InputRefusedException e) => e.Reason switch
    {
        InputRefusal.NotFound => Problem(StatusCodes.Status404NotFound, "No such folder or file", e.Message),
        InputRefusal.OutsideRoot => Problem(StatusCodes.Status403Forbidden, "The path leads outside the import root", e.Message),
        InputRefusal.ArchiveTooLarge => Problem(StatusCodes.Status413PayloadTooLarge, "The archive is over a limit",
            $"{e.Message} Nothing was imported. The limits are Import:MaxArchiveEntries and Import:MaxUnpackedBytes."),
        _ => Problem(StatusCodes.Status400BadRequest, "The archive is refused", $"{e.Message} Nothing was imported."),
    };

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected exception while answering the request")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);

    // The message names what failed (host, port, file, the busy writer) without a stack trace: not a bug to debug.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Unavailable ({ExceptionType}: {Reason}); answered 503")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType, string reason);
}
