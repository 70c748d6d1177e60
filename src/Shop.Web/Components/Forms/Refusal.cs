using Shop.Web.Platform.Errors;

namespace Shop.Web.Components.Forms;

public static class Refusal
{
    /// <summary>
    /// Runs what a form submits; returns the use case's refusal for <see cref="ServerErrors"/> to show,
    /// or null when it went through. Anything else is a fault and goes to the error page.
    /// </summary>
    public static async Task<Exception?> Of(Func<Task> submit)
    {
        try
        {
            await submit();
            return null;
        }
        catch (Exception e) when (e is InputValidationException or DomainException)
        {
            return e;
        }
    }
}
