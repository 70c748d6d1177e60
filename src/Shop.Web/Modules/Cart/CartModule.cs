using Shop.Web.Modules.Cart.Contracts;
using Shop.Web.Modules.Cart.Demo;
using Shop.Web.Modules.Cart.Shopping;
using Shop.Web.Modules.Cart.Wishlist;
using Shop.Web.Platform.Commands;

namespace Shop.Web.Modules.Cart;

public static class CartModule
{
    public static WebApplicationBuilder AddCart(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddOptions<CartOptions>().Bind(builder.Configuration.GetSection(CartOptions.Section));
        builder.Services.AddSingleton<AbandonedCarts>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AbandonedCarts>());
        builder.Services.AddScoped<CartVisitor>();
        builder.Services.AddScoped<CartService>();
        builder.Services.AddScoped<IShoppingCart>(services => services.GetRequiredService<CartService>());
        builder.Services.AddScoped<ICartCheckout>(services => services.GetRequiredService<CartService>());
        builder.Services.AddScoped<ICustomerCarts, CustomerCarts>();
        builder.Services.AddScoped<WishlistService>();
        builder.Services.AddScoped<ISetupStep, DemoWishlistsSetup>();
        builder.Services.AddScoped<IWishlist>(services => services.GetRequiredService<WishlistService>());
        return builder;
    }

    public static WebApplication MapCart(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapCartEndpoints();
        api.MapWishlistEndpoints();
        return app;
    }
}
