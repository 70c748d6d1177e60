using System.Diagnostics;
using Shop.Testing;

namespace Shop.ClusterTests;

/// <summary>One instance of the shop: a real `dotnet Shop.Web.dll` process on a loopback port, its output in a log file.</summary>
public sealed class ShopProcess(string name, int port, IReadOnlyDictionary<string, string> environment, string logDirectory) : IAsyncDisposable
{
    private Process? process;

    public string Name { get; } = name;

    public int Port { get; } = port;

    public Uri Address { get; } = new($"http://127.0.0.1:{port}");

    public string LogFile { get; } = Path.Combine(logDirectory, $"{name}.log");

    public bool IsRunning => process is { HasExited: false };

    public int? ExitCode => process is { HasExited: true } ? process.ExitCode : null;

    public void Start()
    {
        if (!File.Exists(Repository.WebDll))
            throw new InvalidOperationException($"{Repository.WebDll} is missing: build the solution first (./shop test does).");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.WebProjectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Repository.WebDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(Address.ToString().TrimEnd('/'));
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        start.Environment["Instance__Name"] = Name;
        var log = new StreamWriter(LogFile, append: true) { AutoFlush = true };
        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.Exited += (_, _) => Write(log, $"--- exited ({Name})");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.TrueAsync(async () =>
        {
            if (process is { HasExited: true })
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode}; see {LogFile}");
            try
            {
                return (await client.GetAsync(new Uri(Address, "/health/ready"))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }, $"{Name} to be ready", timeout ?? TimeSpan.FromSeconds(120));
    }

    /// <summary>kill -9: no shutdown, no drain, connections cut mid-request.</summary>
    public void Kill()
    {
        if (process is null || process.HasExited)
            return;
        process.Kill();
        process.WaitForExit();
    }

    /// <summary>kill -TERM: the graceful shutdown a service manager asks for.</summary>
    public async Task StopAsync()
    {
        if (process is null || process.HasExited)
            return;
        await PostgresServer.RunAsync("kill", "-TERM", process.Id.ToString());
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        process?.Dispose();
        await Task.CompletedTask;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
            return;
        lock (log)
            log.WriteLine(line);
    }
}
