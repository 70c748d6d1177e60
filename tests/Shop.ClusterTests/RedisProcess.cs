using System.Diagnostics;
using System.Net.Sockets;
using Shop.Testing;

namespace Shop.ClusterTests;

/// <summary>
/// A real Debian `redis-server` on a free loopback port, in the foreground as a child process, pub/sub
/// only (no snapshots), as the live-chat backplane between instances. It can be killed and started
/// again on the same port, as a Redis restart would.
/// </summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private const string Binary = "/usr/bin/redis-server";
    private readonly string directory = Directory.CreateTempSubdirectory("shop-test-redis-").FullName;
    private Process? process;

    private RedisProcess(int port) => Port = port;

    public int Port { get; }

    /// <summary>What the instances get as <c>ConnectionStrings__Redis</c>.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public string LogFile => Path.Combine(directory, "redis.log");

    public bool IsRunning => process is { HasExited: false };

    public static async Task<RedisProcess> StartAsync()
    {
        var redis = new RedisProcess(PostgresServer.FreePort());
        await redis.StartAsync(CancellationToken.None);
        return redis;
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException("redis-server is not installed: ./shop test installs it (apt-get install redis-server).");
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(), "--dir", directory, "--logfile", LogFile,
                     "--save", "", "--appendonly", "no", "--daemonize", "no" })
            start.ArgumentList.Add(argument);
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited)
                throw new InvalidOperationException($"redis-server exited with {process.ExitCode}; see {LogFile}");
            return await PingAsync(cancellationToken);
        }, "redis-server to answer");
    }

    /// <summary>kill -9: every subscription and message in flight is gone, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (process is null || process.HasExited)
            return;
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>A PING over the wire (inline command); true on +PONG.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, cancellationToken);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
