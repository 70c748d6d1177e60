namespace Shop.Web.Modules.Notifications.TextMessages;

/// <summary>
/// Where text messages go while no provider is set up (development, demos): into the log, so the codes can
/// be read there. Nothing signs callbacks for it.
/// </summary>
internal sealed partial class LoggedTextMessages(ILogger<LoggedTextMessages> logger) : ITextMessageProvider
{
    public Task<TextMessageReceipt> SendAsync(string to, string body, string statusCallbackUrl, CancellationToken cancellationToken)
    {
        LogTextMessage(to, body);
        return Task.FromResult(new TextMessageReceipt("log-" + Guid.NewGuid().ToString("N"), "sent"));
    }

    public bool IsSigned(string url, IEnumerable<KeyValuePair<string, string>> form, string? signature) => false;

    [LoggerMessage(LogLevel.Warning, "No text message provider is set up (TextMessages:Twilio); this message to {To} was only logged: {Body}")]
    private partial void LogTextMessage(string to, string body);
}
