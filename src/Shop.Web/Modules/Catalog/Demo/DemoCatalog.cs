namespace Shop.Web.Modules.Catalog.Demo;

/// <summary>The demo store's shape: categories, and per leaf category the kind of things it sells.</summary>
internal static class DemoCatalog
{
    public sealed record Leaf(string Path, string[] Nouns, string[] Brands, int MinPrice, int MaxPrice, OptionSet Options, string Material, string SellerShop);

    public enum OptionSet { None, ClothingSizeColour, ShoeSize, Storage, Colour, Volume }

    public static readonly (string Name, string Description)[] Roots =
    [
        ("Electronics", "Phones, laptops, audio and smart home."),
        ("Fashion", "Clothing, footwear and accessories for everyone."),
        ("Home & Kitchen", "Cookware, dinnerware, furnishing and decor."),
        ("Beauty & Personal Care", "Skincare, haircare and fragrance."),
        ("Sports & Fitness", "Gear for the gym, the pitch and the mat."),
        ("Books", "Stories, ideas and learning."),
        ("Grocery", "Tea, coffee, spices and snacks."),
        ("Toys & Games", "Play for every age."),
    ];

    private const string Priya = "Priya Handlooms";
    private const string Arjun = "Mehta Electronics";

    public static readonly Leaf[] Leaves =
    [
        new("Electronics/Mobiles", ["Smartphone", "5G Phone", "Phone"], ["Apple iPhone", "Samsung Galaxy", "OnePlus", "Redmi", "Vivo", "Realme"], 8999, 149999, OptionSet.Storage, "Glass and aluminium", Arjun),
        new("Electronics/Laptops", ["Laptop", "Ultrabook", "Gaming Laptop"], ["Lenovo", "HP", "Dell", "Asus", "Acer"], 32999, 189999, OptionSet.Storage, "Aluminium", Arjun),
        new("Electronics/Audio/Headphones", ["Wireless Headphones", "Earbuds", "Neckband"], ["boAt", "Sony", "JBL", "Sennheiser"], 999, 29999, OptionSet.Colour, "Plastic", Arjun),
        new("Electronics/Audio/Speakers", ["Bluetooth Speaker", "Soundbar", "Party Speaker"], ["JBL", "boAt", "Sony", "Marshall"], 1499, 49999, OptionSet.Colour, "Fabric and plastic", Arjun),
        new("Electronics/Smart Home", ["Smart Plug", "Smart Bulb", "Security Camera", "Smart Speaker"], ["Wipro", "Philips", "Xiaomi", "Amazon"], 599, 8999, OptionSet.None, "Plastic", Arjun),
        new("Electronics/Cameras", ["Mirrorless Camera", "Action Camera", "Instant Camera"], ["Canon", "Nikon", "Sony", "GoPro", "Fujifilm"], 6999, 159999, OptionSet.None, "Magnesium alloy", Arjun),
        new("Fashion/Men/Kurtas", ["Cotton Kurta", "Linen Kurta", "Silk Kurta", "Printed Kurta"], ["Fabindia", "Manyavar", "Priya Handlooms", "Biba Men"], 699, 4999, OptionSet.ClothingSizeColour, "Cotton", Priya),
        new("Fashion/Men/Shirts", ["Formal Shirt", "Casual Shirt", "Oxford Shirt"], ["Van Heusen", "Louis Philippe", "Peter England", "Allen Solly"], 799, 3999, OptionSet.ClothingSizeColour, "Cotton", Priya),
        new("Fashion/Men/Jeans", ["Slim Fit Jeans", "Straight Jeans", "Relaxed Jeans"], ["Levi's", "Wrangler", "Pepe Jeans", "Spykar"], 1199, 4499, OptionSet.ClothingSizeColour, "Denim", Priya),
        new("Fashion/Women/Sarees", ["Kanjivaram Silk Saree", "Cotton Saree", "Banarasi Saree", "Chiffon Saree"], ["Priya Handlooms", "Nalli", "Kalamandir", "Pothys"], 1499, 24999, OptionSet.Colour, "Silk", Priya),
        new("Fashion/Women/Kurtis", ["Anarkali Kurti", "Straight Kurti", "A-line Kurti"], ["Biba", "W", "Aurelia", "Global Desi"], 599, 3499, OptionSet.ClothingSizeColour, "Rayon", Priya),
        new("Fashion/Women/Dresses", ["Maxi Dress", "Midi Dress", "Wrap Dress"], ["Zara", "Only", "Vero Moda", "AND"], 999, 5999, OptionSet.ClothingSizeColour, "Viscose", Priya),
        new("Fashion/Footwear", ["Running Shoes", "Sneakers", "Kolhapuri Chappals", "Loafers"], ["Bata", "Puma", "Adidas", "Woodland", "Metro"], 499, 8999, OptionSet.ShoeSize, "Leather", Priya),
        new("Fashion/Accessories", ["Leather Wallet", "Tote Bag", "Analog Watch", "Sunglasses"], ["Fastrack", "Titan", "Hidesign", "Lavie"], 399, 9999, OptionSet.Colour, "Leather", Priya),
        new("Home & Kitchen/Cookware", ["Pressure Cooker", "Kadai", "Tawa", "Non-stick Pan"], ["Prestige", "Hawkins", "Pigeon", "Meyer"], 499, 6999, OptionSet.Volume, "Stainless steel", Priya),
        new("Home & Kitchen/Dinnerware", ["Dinner Set", "Steel Thali Set", "Ceramic Mugs"], ["Borosil", "Cello", "Larah", "Corelle"], 399, 7999, OptionSet.None, "Ceramic", Priya),
        new("Home & Kitchen/Furnishing/Bedsheets", ["Cotton Bedsheet", "Jaipuri Bedsheet", "Fitted Sheet"], ["Bombay Dyeing", "Spaces", "D'Decor", "Jaipur Fabric"], 499, 3999, OptionSet.Colour, "Cotton", Priya),
        new("Home & Kitchen/Furnishing/Curtains", ["Blackout Curtain", "Sheer Curtain", "Door Curtain"], ["Home Centre", "Story@Home", "Swayam"], 399, 2999, OptionSet.Colour, "Polyester", Priya),
        new("Home & Kitchen/Decor", ["Brass Diya", "Wall Clock", "Table Lamp", "Photo Frame"], ["Ekam", "Home Centre", "Craftsman"], 299, 4999, OptionSet.None, "Brass", Priya),
        new("Beauty & Personal Care/Skincare", ["Face Wash", "Moisturiser", "Sunscreen SPF 50", "Serum"], ["Lakme", "Mamaearth", "Himalaya", "Nivea", "Minimalist"], 149, 1499, OptionSet.Volume, "Natural extracts", Priya),
        new("Beauty & Personal Care/Haircare", ["Shampoo", "Hair Oil", "Conditioner"], ["Dabur", "Parachute", "Indulekha", "L'Oreal"], 99, 999, OptionSet.Volume, "Coconut oil", Priya),
        new("Beauty & Personal Care/Fragrance", ["Eau de Parfum", "Attar", "Body Mist"], ["Forest Essentials", "Fogg", "Wild Stone", "Skinn"], 199, 6999, OptionSet.Volume, "Essential oils", Priya),
        new("Sports & Fitness/Fitness", ["Dumbbell Set", "Resistance Band", "Skipping Rope"], ["Decathlon", "Boldfit", "Cosco", "Strauss"], 199, 7999, OptionSet.None, "Steel", Arjun),
        new("Sports & Fitness/Cricket", ["English Willow Bat", "Kashmir Willow Bat", "Cricket Ball", "Batting Gloves"], ["SG", "SS", "MRF", "Kookaburra"], 299, 19999, OptionSet.None, "Willow", Arjun),
        new("Sports & Fitness/Yoga", ["Yoga Mat", "Yoga Block", "Meditation Cushion"], ["Decathlon", "Boldfit", "Strauss"], 299, 2999, OptionSet.Colour, "TPE foam", Arjun),
        new("Books/Fiction", ["Novel", "Short Stories", "Thriller"], ["Penguin", "HarperCollins", "Rupa", "Westland"], 199, 899, OptionSet.None, "Paperback", Priya),
        new("Books/Non-fiction", ["Biography", "History", "Self-help"], ["Penguin", "Juggernaut", "Bloomsbury"], 249, 999, OptionSet.None, "Paperback", Priya),
        new("Books/Children", ["Picture Book", "Activity Book", "Story Collection"], ["Scholastic", "Tulika", "Pratham"], 99, 599, OptionSet.None, "Paperback", Priya),
        new("Grocery/Tea & Coffee", ["Assam Tea", "Darjeeling Tea", "Filter Coffee", "Masala Chai"], ["Tata Tea", "Brooke Bond", "Blue Tokai", "Society"], 149, 1299, OptionSet.Volume, "Tea leaves", Arjun),
        new("Grocery/Spices", ["Garam Masala", "Turmeric Powder", "Kashmiri Chilli", "Sambar Powder"], ["MDH", "Everest", "Catch", "Aachi"], 49, 499, OptionSet.Volume, "Spices", Arjun),
        new("Grocery/Snacks", ["Bhujia", "Banana Chips", "Khakhra", "Chikki"], ["Haldiram's", "Bikaji", "Balaji", "Induben"], 49, 399, OptionSet.Volume, "Gram flour", Arjun),
        new("Toys & Games/Board Games", ["Chess Set", "Ludo", "Carrom Board", "Word Game"], ["Funskool", "Hasbro", "Toyshine"], 199, 3999, OptionSet.None, "Wood", Arjun),
        new("Toys & Games/Building Sets", ["Building Blocks", "Construction Kit", "Magnetic Tiles"], ["LEGO", "Funskool", "Mega Bloks"], 499, 12999, OptionSet.None, "ABS plastic", Arjun),
    ];

    public static readonly string[] Adjectives = ["Classic", "Premium", "Everyday", "Heritage", "Urban", "Essential", "Royal", "Handcrafted", "Eco", "Pro", "Lite", "Festive", "Signature", "Comfort", "Smart"];

    public static readonly string[] Colours = ["Black", "White", "Navy", "Maroon", "Olive", "Mustard", "Teal", "Grey", "Beige", "Red", "Blue", "Green"];
}
