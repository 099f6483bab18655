using System.Diagnostics;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.ImportApi;

/// <summary>
/// A server folder whose background import stops before its last file until the test lets it go, so a test sees the job
/// running with batches committed, however fast the machine: the folder <c>azure</c> holds the sample's files and, last
/// by name, a named pipe, which the import's reader waits on until <see cref="Open"/> writes an article into it.
/// </summary>
public sealed class ImportGate
{
    private readonly string _pipe;

    private ImportGate(string root, string pipe, int files)
    {
        Root = root;
        _pipe = pipe;
        Files = files;
    }

    /// <summary>The import root; the folder to import under it is <c>azure</c>.</summary>
    public string Root { get; }

    /// <summary>The files in the folder, the gate included: an import that stopped at the gate read fewer.</summary>
    public int Files { get; }

    public static ImportGate Create()
    {
        var root = Corpus.NewScratchFolder();
        var folder = Directory.CreateDirectory(Path.Combine(root, "azure")).FullName;
        foreach (var file in Directory.EnumerateFiles(Corpus.Azure)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var pipe = Path.Combine(folder, "zzzz-gate.md");
        using var mkfifo = Process.Start("mkfifo", [pipe]);
        mkfifo.WaitForExit();
        if (mkfifo.ExitCode != 0) throw new InvalidOperationException($"mkfifo {pipe} failed.");
        return new ImportGate(root, pipe, Directory.GetFiles(folder).Length);
    }

    /// <summary>Settings for an app that imports from this gate's root in batches of 20.</summary>
    public Dictionary<string, string?> Settings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["Import:Root"] = Root, ["Import:BatchSize"] = "20" };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    /// <summary>
    /// Lets the import read its last file: a background thread opens the pipe for writing, which waits until the reader
    /// comes to it (now or later), and writes an article; the reader then gets the article and the end of the file. If
    /// the import never comes to it (cancelled first), the thread waits on, harmless, until the test process ends.
    /// </summary>
    public void Open() => new Thread(() =>
    {
        using var pipe = new FileStream(_pipe, FileMode.Open, FileAccess.Write);
        pipe.Write(TestFiles.Article("gate", "The gate's article"));
    }) { IsBackground = true, Name = "import gate" }.Start();
}
