using Shop.Web.Modules.Catalog.Contracts;
using Shop.Web.Modules.Reviews.Contracts;
using Shop.Web.Modules.Reviews.Data;
using Shop.Web.Modules.Reviews.Demo;
using Shop.Web.Modules.Reviews.Display;
using Shop.Web.Modules.Reviews.Emails;
using Shop.Web.Modules.Reviews.Moderation;
using Shop.Web.Modules.Reviews.Writing;
using Shop.Web.Platform.Commands;
using Shop.Web.Platform.Outbox;

namespace Shop.Web.Modules.Reviews;

public static class ReviewsModule
{
    public static WebApplicationBuilder AddReviews(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RatingTally>();
        builder.Services.AddScoped<ISellerRatings>(services => services.GetRequiredService<RatingTally>());
        builder.Services.AddScoped<ReviewWriting>();
        builder.Services.AddScoped<ReviewListing>();
        builder.Services.AddScoped<ReviewModeration>();
        builder.Services.AddScoped<IReviewQueue, ReviewQueue>();
        builder.Services.AddScoped<ISetupStep, DemoReviewsSetup>();
        builder.Services.AddIntegrationEventHandler<ReviewModerated, ReviewMessages>();
        builder.Services.AddSingleton(new ProductPageSection(typeof(ProductReviewsSection), Order: 10));
        return builder;
    }

    public static WebApplication MapReviews(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapReviewEndpoints();
        api.MapModerationEndpoints();
        return app;
    }
}
