using System.Collections;
using System.Runtime.InteropServices;

namespace NewsFeed.Api.Cli;

/// <summary>
/// The import command is a batch job of seconds, busy on every core from start to end. Dynamic PGO, which the web API
/// keeps (its instrumented code pays back over hours of the same requests), costs such a job more than it gives: its
/// hot code runs instrumented for much of the job's life, then is compiled again. Importing the azure corpus took 8.1 to
/// 8.4 s with it and 6.8 to 7.0 s without (a quarter less CPU). The runtime reads the setting once, as it starts, so
/// on Linux the command replaces its own process with one started without it: <c>execve</c>, so the process id, the
/// arguments, standard input and output, signals and the exit code stay the command's own. When the variable is already
/// set (by the user, or by this) or elsewhere than on Linux, nothing changes.
/// </summary>
internal static class BatchRuntime
{
    private const string DynamicPgo = "DOTNET_TieredPGO";

    public static void RestartWithoutDynamicPgo()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(DynamicPgo) is not null) return;
        // The process's own command line, as the kernel started it (the host, the app's path, the arguments).
        var argv = File.ReadAllText("/proc/self/cmdline").TrimEnd('\0').Split('\0');
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Select(e => $"{e.Key}={e.Value}").Append($"{DynamicPgo}=0");
        // Returns only if the kernel refused (-1): the command goes on as it is, with dynamic PGO.
        _ = Execve("/proc/self/exe", [.. argv, null], [.. environment, null]);
    }

    [DllImport("libc", EntryPoint = "execve", SetLastError = true)]
    private static extern int Execve(string path, string?[] argv, string?[] envp);
}
