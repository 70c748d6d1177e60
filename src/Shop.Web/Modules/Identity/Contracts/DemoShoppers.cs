namespace Shop.Web.Modules.Identity.Contracts;

/// <summary>
/// The demo store's shoppers, created with the demo accounts. The other modules' demo data gives them
/// a history (orders, reviews, wishlists), so every page of the demo has something real to show.
/// </summary>
public static class DemoShoppers
{
    public sealed record Shopper(string Email, string Name, string Line1, string City, string State, string PostalCode, string Phone)
    {
        public PostalAddress Address => new(Name, Phone, Line1, null, City, State, PostalCode, "IN");
    }

    public static readonly IReadOnlyList<Shopper> All =
    [
        new("asha@bazaar.local", "Asha Rao", "14 Residency Road", "Bengaluru", "Karnataka", "560025", "+91 98450 11201"),
        new("rahul@bazaar.local", "Rahul Verma", "22 Hazratganj", "Lucknow", "Uttar Pradesh", "226001", "+91 94150 22302"),
        new("meera@bazaar.local", "Meera Iyer", "5 Luz Church Road", "Chennai", "Tamil Nadu", "600004", "+91 98400 33403"),
        new("vikram@bazaar.local", "Vikram Singh", "88 MI Road", "Jaipur", "Rajasthan", "302001", "+91 94140 44504"),
        new("ananya@bazaar.local", "Ananya Das", "31 Park Street", "Kolkata", "West Bengal", "700016", "+91 98300 55605"),
        new("kabir@bazaar.local", "Kabir Khan", "9 Linking Road", "Mumbai", "Maharashtra", "400050", "+91 98200 66706"),
        new("fatima@bazaar.local", "Fatima Sheikh", "17 Banjara Hills", "Hyderabad", "Telangana", "500034", "+91 98490 77807"),
        new("rohan@bazaar.local", "Rohan Kulkarni", "42 FC Road", "Pune", "Maharashtra", "411004", "+91 98220 88908"),
        new("divya@bazaar.local", "Divya Menon", "6 MG Road", "Kochi", "Kerala", "682016", "+91 94470 99009"),
        new("arnav@bazaar.local", "Arnav Gupta", "120 Connaught Place", "New Delhi", "Delhi", "110001", "+91 98110 10110"),
        new("ishita@bazaar.local", "Ishita Shah", "3 CG Road", "Ahmedabad", "Gujarat", "380009", "+91 98250 21211"),
        new("siddharth@bazaar.local", "Siddharth Bose", "27 Sector 17", "Chandigarh", "Chandigarh", "160017", "+91 98140 32312"),
        new("lakshmi@bazaar.local", "Lakshmi Pillai", "11 Kowdiar", "Thiruvananthapuram", "Kerala", "695003", "+91 94460 43413"),
        new("aditya@bazaar.local", "Aditya Joshi", "54 Civil Lines", "Nagpur", "Maharashtra", "440001", "+91 98230 54514"),
        new("zoya@bazaar.local", "Zoya Mirza", "8 Boat Club Road", "Bhopal", "Madhya Pradesh", "462003", "+91 98270 65615"),
        new("harish@bazaar.local", "Harish Reddy", "19 Benz Circle", "Vijayawada", "Andhra Pradesh", "520010", "+91 98480 76716"),
    ];
}
