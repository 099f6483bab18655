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
        // A short process: dynamic PGO's instrumented code costs it more than it pays back (see the test project file).
        start.Environment["DOTNET_TieredPGO"] = "0";
        return start;
    }
}
