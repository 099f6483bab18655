using System.Collections;
using System.Runtime.InteropServices;

namespace NewsFeed.Api.Cli;

/// <summary>
/// The import command is a batch job of seconds, busy on every core from start to end, and two runtime settings made
/// for the long-running web API cost it more than they give. Dynamic PGO runs its hot code instrumented for much of
/// its life, then compiles it again; the server garbage collector keeps a heap and a thread per core. Importing the
/// azure corpus took 8.1 to 8.4 s (10.6 to 11.2 user-s) with both, 6.8 to 7.0 s (7.8 to 8.0) without PGO, and used
/// another 0.5 to 1.2 user-s less with the workstation collector. The runtime reads both once, as it starts, so on Linux
/// the command replaces its own process with one started without them: <c>execve</c>, so the process id, the
/// arguments, standard input and output, signals and the exit code stay the command's own. A setting already in the
/// environment is kept (yours, or this restart's); elsewhere than on Linux nothing changes.
/// </summary>
internal static class BatchRuntime
{
    private static readonly (string Name, string Value)[] Settings = [("DOTNET_TieredPGO", "0"), ("DOTNET_gcServer", "0")];

    public static void Restart()
    {
        // DOTNET_TieredPGO, set by the restart itself, is also what stops it from restarting again.
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Settings[0].Name) is not null) return;
        // The process's own command line, as the kernel started it (the host, the app's path, the arguments).
        var argv = File.ReadAllText("/proc/self/cmdline").TrimEnd('\0').Split('\0');
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().Select(e => $"{e.Key}={e.Value}")
            .Concat(Settings.Where(s => Environment.GetEnvironmentVariable(s.Name) is null).Select(s => $"{s.Name}={s.Value}"));
        // The executable by its own path, not /proc/self/exe, which would make "exe" the process's name in ps and top.
        // Returns only if the kernel refused (-1): the command goes on as it is.
        _ = Execve(Environment.ProcessPath!, [.. argv, null], [.. environment, null]);
    }

    [DllImport("libc", EntryPoint = "execve", SetLastError = true)]
    private static extern int Execve(string path, string?[] argv, string?[] envp);
}
