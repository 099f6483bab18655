using System.Diagnostics;

namespace NewsFeed.Tests.Infrastructure;

/// <summary>The real NewsFeed.Api binary started as a process of its own (the command line, or a server on a port).</summary>
public static class AppProcess
{
    /// <summary>How to start it with <paramref name="args"/>, its output redirected, in a scratch folder of its own.</summary>
    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "NewsFeed.Api.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Corpus.NewScratchFolder(),
        };
        // The import command turns dynamic PGO off itself (BatchRuntime); a test's server is as short-lived as it, and
        // the instrumented code costs such a process more than it pays back (see the test project file).
        if (args is not ["import", ..]) start.Environment["DOTNET_TieredPGO"] = "0";
        return start;
    }
}
