using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Shop.Testing;

namespace Shop.Tests.Support;

/// <summary>Steps the live chat tests share: a guest starting a chat over HTTP, and a hub connection to the test server.</summary>
internal static class LiveChatSteps
{
    public const string Chats = "/api/v1/support/chats";

    public static async Task<(Guid Id, string Token)> GuestChatAsync(ShopAppFactory app, string message, string? page = null)
    {
        var started = await CatalogClient.Expect(await app.CreateClient().PostAsJsonAsync(Chats,
            new { name = "Meera Iyer", email = ApiClient.NewEmail("guest"), message, page }), HttpStatusCode.Created);
        return (started.GetProperty("id").GetGuid(), started.GetProperty("accessToken").GetString()!);
    }

    /// <summary>A started connection (the caller disposes it); with a bearer token, as that user.</summary>
    public static async Task<HubConnection> ConnectAsync(ShopAppFactory app, string? bearer = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "hubs/support"), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                if (bearer is not null)
                    options.AccessTokenProvider = () => Task.FromResult<string?>(bearer);
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }
}
