using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Primitives;

namespace Shop.Web.Platform.Errors;

/// <summary>
/// PostgreSQL cannot store the NUL character in text, so it is refused where input comes in: in JSON
/// strings (<see cref="NulRefusingStringConverter"/>) and here in the query string and form fields (the
/// server itself refuses it in the path). No use case ever sees one. The API answers 400 naming the
/// field; pages show the 400 page.
/// </summary>
public static class NulCharacter
{
    public const string Message = "Text must not contain the NUL character (U+0000).";

    public static IApplicationBuilder UseNulCharacterRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var reExecuted = context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null;
        if (!reExecuted && await RefusedFieldAsync(context.Request) is var (field, reason))
        {
            if (context.Request.IsApiRequest())
                throw new InputValidationException(field, reason);
            // The 400 page is rendered as for a GET, so that nothing reads the refused form again.
            context.Request.Method = HttpMethods.Get;
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        await next(context);
    });

    private static async Task<(string Field, string Reason)?> RefusedFieldAsync(HttpRequest request)
    {
        IEnumerable<KeyValuePair<string, StringValues>> fields = request.Query;
        if (request.HasFormContentType)
        {
            try
            {
                fields = fields.Concat(await request.ReadFormAsync(request.HttpContext.RequestAborted));
            }
            catch (InvalidDataException unreadable)
            {
                // The form reader itself refuses NUL (and malformed forms) in URL-encoded forms, for the whole form.
                return ("form", $"The form could not be read: {unreadable.Message}");
            }
        }
        var field = fields.FirstOrDefault(f => f.Value.Any(v => v?.Contains('\0') == true)).Key;
        return field is null ? null : (field, Message);
    }
}
