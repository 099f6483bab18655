using System.Diagnostics;

namespace NewsFeed.Tests.Infrastructure;

/// <summary>The corpus archives unpacked once per test run into a scratch folder (never edited: tests read them as they are).</summary>
public static class Corpus
{
    private static readonly Lazy<string> Unpacked = new(Unpack);

    public static string Azure => Path.Combine(Unpacked.Value, "azure");

    public static string PowerApps => Path.Combine(Unpacked.Value, "powerapps");

    public static string AzureArchive => Path.Combine(RepoPaths.Corpus, "azure.tar.gz");

    /// <summary>A fresh scratch folder for one test's files, removed with the test process's temp tree.</summary>
    public static string NewScratchFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "newsfeed-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string Unpack()
    {
        var target = NewScratchFolder();
        foreach (var archive in new[] { "azure.tar.gz", "powerapps.tar.gz" })
        {
            var tar = Process.Start(new ProcessStartInfo("tar", ["xzf", Path.Combine(RepoPaths.Corpus, archive), "-C", target])
                { RedirectStandardError = true })!;
            tar.WaitForExit();
            if (tar.ExitCode != 0) throw new InvalidOperationException($"tar failed on {archive}: {tar.StandardError.ReadToEnd()}");
        }
        return target;
    }
}
