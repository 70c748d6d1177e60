using Microsoft.AspNetCore.Diagnostics;

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
        if (!reExecuted && await FieldHoldingNulAsync(context.Request) is { } field)
        {
            if (context.Request.IsApiRequest())
                throw new InputValidationException(field, Message);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        await next(context);
    });

    private static async Task<string?> FieldHoldingNulAsync(HttpRequest request)
    {
        IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> fields = request.Query;
        if (request.HasFormContentType)
            fields = fields.Concat(await ReadFormAsync(request));
        return fields.FirstOrDefault(f => f.Value.Any(v => v?.Contains('\0') == true)).Key;
    }

    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request)
    {
        try
        {
            return await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (InvalidDataException invalid)
        {
            throw new BadHttpRequestException($"The form could not be read: {invalid.Message}", StatusCodes.Status400BadRequest, invalid);
        }
    }
}
