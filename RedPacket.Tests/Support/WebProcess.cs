using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RedPacket.Tests.Support;

/// <summary>
/// RedPacket.Web in a process of its own (<c>dotnet RedPacket.Web.dll</c>) on a free loopback port, configured
/// through environment variables, its console output in a file for diagnosis. Unlike a test server it can be
/// killed outright, as a crashed or evicted node would be.
/// </summary>
public sealed class WebProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private WebProcess(string name, Process process, StreamWriter log, string logPath, Uri address)
    {
        (Name, _process, _log, LogPath, Address) = (name, process, log, logPath, address);
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Name { get; }
    public Uri Address { get; }
    public string LogPath { get; }
    public HttpClient Http { get; }
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts the app with <paramref name="environment"/> on top of this process's variables and waits until
    /// <c>/health/ready</c> answers (MySQL and Redis reachable, migrations applied).
    /// </summary>
    public static async Task<WebProcess> StartAsync(string name, IReadOnlyDictionary<string, string> environment,
        string logFolder, TimeSpan readyWithin)
    {
        var port = FreeLoopbackPort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var dll = WebDll();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["DOTNET_NOLOGO"] = "1";

        var logPath = Path.Combine(logFolder, name + ".log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        // Both streams into one file; the handlers run on thread-pool threads, hence the lock.
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var node = new WebProcess(name, process, log, logPath, address);
        try
        {
            await node.WaitReadyAsync(readyWithin);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
        return node;
    }

    private async Task WaitReadyAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was ready:\n{Tail()}");
            try
            {
                using var response = await Http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{Name} not ready after {within.TotalSeconds} s:\n{Tail()}");
            await Task.Delay(100); // the polling interval of the readiness probe above
        }
    }

    /// <summary>Kills the process at once, no graceful shutdown: its scheduler leaves its rows behind in MySQL.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>The end of the node's output, for failure messages.</summary>
    public string Tail(int lines = 40)
    {
        lock (_log) _log.Flush();
        using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var all = reader.ReadToEnd().Split('\n');
        return string.Join('\n', all.TakeLast(lines));
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Http.Dispose();
        _process.Dispose();
        lock (_log) _log.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// A port nobody listens on now. Kestrel's <c>:0</c> would not tell us which port it took; the short window
    /// between releasing this one and the app binding it is an accepted risk on loopback.
    /// </summary>
    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// The app as built next to this test run (same configuration): RedPacket.Web/bin/&lt;Configuration&gt;/&lt;tfm&gt;,
    /// which has its own runtimeconfig and deps files (the copy in the test output does not).
    /// </summary>
    private static string WebDll()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (tfm, configuration) = (testOutput.Name, testOutput.Parent!.Name);
        for (var dir = testOutput; dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "RedPacket.sln"))) continue;
            var dll = Path.Combine(dir.FullName, "RedPacket.Web", "bin", configuration, tfm, "RedPacket.Web.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build RedPacket.Web first.", dll);
        }
        throw new DirectoryNotFoundException($"No RedPacket.sln above {testOutput.FullName}.");
    }
}
