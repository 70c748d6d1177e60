using Microsoft.Extensions.Localization;
using Shop.Web.Platform.Localization;

namespace Shop.Web.Modules.Pricing.Contracts;

/// <summary>Why a coupon does not apply, written in English as quotes are kept; shoppers read it in their language.</summary>
public static class CouponReasons
{
    public const string Inactive = "The coupon {0} is no longer active.";
    public const string NotYet = "The coupon {0} can be used from {1}.";
    public const string Expired = "The coupon {0} expired on {1}.";
    public const string UsedUp = "The coupon {0} has been fully used.";
    public const string UsedByYou = "You have already used the coupon {0}.";
    public const string OtherItems = "The coupon {0} applies to other items than those in your cart.";
    public const string AddMore = "Add {1} more to use the coupon {0}.";

    private static readonly EnglishTemplates Templates = new(Inactive, NotYet, Expired, UsedUp, UsedByYou, OtherItems, AddMore);

    public static string ForReader(string reason, IStringLocalizer texts) => Templates.Localize(texts, reason);
}
