using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Shop.Web.Modules.Identity.Contracts;
using Shop.Web.Platform.Security;

namespace Shop.Web.Modules.Identity.Addresses;

public static class AddressEndpoints
{
    public static void MapAddressEndpoints(this RouteGroupBuilder api)
    {
        var addresses = api.MapGroup("/me/addresses").WithTags("Me").RequireAuthorization().Access(Callers.SignedIn, Objects.Own);

        addresses.MapGet("/", async Task<Ok<IReadOnlyList<AddressResponse>>> (ClaimsPrincipal user, AddressBook book) =>
            TypedResults.Ok(await book.ListAsync(user.UserId())))
            .WithName("ListAddresses").WithSummary("The signed-in user's address book, defaults first.");

        addresses.MapGet("/{id:guid}", async Task<Results<Ok<AddressResponse>, NotFound>> (Guid id, ClaimsPrincipal user, AddressBook book) =>
            await book.GetAsync(user.UserId(), id) is { } address ? TypedResults.Ok(address) : TypedResults.NotFound())
            .WithName("GetAddress");

        addresses.MapPost("/", async Task<Created<AddressResponse>> (AddressRequest request, ClaimsPrincipal user, AddressBook book) =>
        {
            var address = await book.AddAsync(user.UserId(), request);
            return TypedResults.Created($"/api/v1/me/addresses/{address.Id}", address);
        }).WithName("AddAddress").WithSummary("Add an address; the first one becomes the default for shipping and billing.");

        addresses.MapPut("/{id:guid}", async Task<Results<Ok<AddressResponse>, NotFound>> (Guid id, AddressRequest request, ClaimsPrincipal user, AddressBook book) =>
            await book.UpdateAsync(user.UserId(), id, request) is { } address ? TypedResults.Ok(address) : TypedResults.NotFound())
            .WithName("UpdateAddress").WithSummary("Change an address; setting a default flag moves it from the previous default.");

        addresses.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, ClaimsPrincipal user, AddressBook book) =>
            await book.DeleteAsync(user.UserId(), id) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("DeleteAddress");
    }
}
