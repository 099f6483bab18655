using System.Globalization;
using NewsFeed.Import;

namespace NewsFeed.Api.Cli;

/// <summary>A live progress bar on a terminal; plain lines (at most one every two seconds) when the output is redirected.</summary>
internal sealed class ProgressDisplay(TextWriter output, bool redirected) : IProgress<ImportProgress>
{
    private const int BarWidth = 30;
    private DateTime _lastLine = DateTime.MinValue;
    private bool _drawn;

    public void Report(ImportProgress value)
    {
        var counts = string.Create(CultureInfo.InvariantCulture,
            $"{value.FilesDone}{(value.FilesTotal is { } t ? $"/{t}" : "")} files, {value.ArticlesPerSecond:F0} articles/s, {value.Failed} errors{(value.WaitingForWriter ? ", waiting for another import to finish writing" : "")}");
        if (redirected)
        {
            if (DateTime.UtcNow - _lastLine < TimeSpan.FromSeconds(2) && !value.WaitingForWriter) return;
            _lastLine = DateTime.UtcNow;
            output.WriteLine($"progress: {counts}");
            return;
        }
        var filled = value.FilesTotal is > 0 ? Math.Min(BarWidth, value.FilesDone * BarWidth / value.FilesTotal.Value) : 0;
        output.Write($"\r[{new string('#', filled)}{new string('.', BarWidth - filled)}] {counts}   ");
        _drawn = true;
    }

    /// <summary>Ends the bar's line so the report starts on a fresh one.</summary>
    public void Finish()
    {
        if (_drawn) output.WriteLine();
    }
}
