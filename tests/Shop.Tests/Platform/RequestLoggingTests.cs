using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shop.Testing;

namespace Shop.Tests.Platform;

public sealed class RequestLoggingTests
{
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose() { }

        private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                provider.Lines.Enqueue($"{category}: {formatter(state, exception)}");
        }
    }

    [Fact]
    public async Task Requests_are_logged_without_tokens_cookies_or_bodies()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = await new ShopAppFactory { ConfigureTestServices = s => s.AddSingleton<ILoggerProvider>(logs) }.StartAsync();
        var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/reset?token=reset-token-secret")
        {
            Content = new StringContent("""{"password":"body-password-secret"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Authorization", "Bearer bearer-secret");
        request.Headers.Add("Cookie", "shop.auth=cookie-secret");

        await client.SendAsync(request);

        var requestLog = await Eventually.GetAsync(
            () => Task.FromResult(logs.Lines.FirstOrDefault(l => l.StartsWith("Microsoft.AspNetCore.HttpLogging") && l.Contains("/api/v1/auth/reset"))),
            line => line is not null, "the request log line");
        Assert.True(requestLog!.Contains("StatusCode: 404"), requestLog);
        Assert.DoesNotContain(logs.Lines, line => line.Contains("secret"));
    }
}
