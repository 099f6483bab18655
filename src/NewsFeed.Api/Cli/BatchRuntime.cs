using System.Collections;
using System.Runtime.InteropServices;

namespace NewsFeed.Api.Cli;

/// <summary>
/// The import command is a batch job of seconds, busy on every core from start to end, and dynamic PGO, made for the
/// long-running web API, costs it more than it gives: its hot code runs instrumented for much of its life, then is
/// compiled again. Importing the azure corpus took 8.1 to 8.4 s (10.6 to 11.2 user-s) with it and 6.8 to 7.0 s (7.8 to
/// 8.0) without. The server garbage collector stays: the command once switched to the workstation one as well, which
/// saved CPU while the reader allocated more; once it allocated a third less, the server collector (adapting its heap
/// count, DATAS) imported the corpus in 4.5 to 4.7 s against 4.8 to 5.1 s, in alternated runs, for a higher peak (about
/// 600 MB against 500 MB at ten times the corpus; bench/PROFILE.md). The runtime reads the setting once, as it starts,
/// so on Linux the command replaces its own process with one started without PGO: <c>execve</c>, so the process id, the
/// arguments, standard input and output, signals and the exit code stay the command's own. A setting already in the
/// environment is kept (yours, or this restart's); elsewhere than on Linux nothing changes.
/// </summary>
internal static class BatchRuntime
{
    private const string Setting = "DOTNET_TieredPGO";

    public static void Restart()
    {
        // The setting, made by the restart itself, is also what stops it from restarting again.
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Setting) is not null) return;
        // The process's own command line, as the kernel started it (the host, the app's path, the arguments).
        var argv = File.ReadAllText("/proc/self/cmdline").TrimEnd('\0').Split('\0');
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().Select(e => $"{e.Key}={e.Value}")
            .Append($"{Setting}=0");
        // The executable by its own path, not /proc/self/exe, which would make "exe" the process's name in ps and top.
        // Returns only if the kernel refused (-1): the command goes on as it is.
        _ = Execve(Environment.ProcessPath!, [.. argv, null], [.. environment, null]);
    }

    [DllImport("libc", EntryPoint = "execve", SetLastError = true)]
    private static extern int Execve(string path, string?[] argv, string?[] envp);
}
