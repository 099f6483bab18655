using System.Diagnostics;

namespace NewsFeed.Tests.Infrastructure;

/// <summary>
/// The committed test corpus (<see cref="RepoPaths.Corpus"/>): 781 of the 4,958 azure files, chosen to keep every quirk the
/// tests rely on, and the powerapps archive whole, unpacked once per test run into a scratch folder. Never edited.
/// </summary>
public static class Corpus
{
    private static readonly Lazy<string> UnpackedPowerApps = new(() => Unpack(Path.Combine(RepoPaths.Corpus, "powerapps.tar.gz")));

    public static string Azure => Path.Combine(RepoPaths.Corpus, "azure");

    public static string PowerApps => Path.Combine(UnpackedPowerApps.Value, "powerapps");

    /// <summary>A fresh scratch folder for one test's files, removed when the run ends (<see cref="TestRun"/>).</summary>
    public static string NewScratchFolder()
    {
        var folder = Path.Combine(TestRun.ScratchRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Unpacks a .tar.gz into a new scratch folder and returns that folder.</summary>
    public static string Unpack(string archive)
    {
        var folder = NewScratchFolder();
        RunTar("xzf", archive, "-C", folder);
        return folder;
    }

    /// <summary>Packs <paramref name="folder"/> (under its own name) into a new scratch .tar.gz and returns its path.</summary>
    public static string Pack(string folder)
    {
        var archive = Path.Combine(NewScratchFolder(), Path.GetFileName(folder) + ".tar.gz");
        // In name order, as the published archives are: an import meets an archive's files in the order it lists them.
        RunTar("czf", archive, "--sort=name", "-C", Path.GetDirectoryName(folder)!, Path.GetFileName(folder));
        return archive;
    }

    private static void RunTar(params string[] args)
    {
        var tar = Process.Start(new ProcessStartInfo("tar", args) { RedirectStandardError = true })!;
        var error = tar.StandardError.ReadToEnd();
        tar.WaitForExit();
        if (tar.ExitCode != 0) throw new InvalidOperationException($"tar {string.Join(' ', args)} failed: {error}");
    }
}
