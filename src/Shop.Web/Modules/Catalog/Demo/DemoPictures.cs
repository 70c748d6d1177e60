using System.Globalization;
using System.Security;
using System.Text;
using System.Text.Json;

namespace Shop.Web.Modules.Catalog.Demo;

/// <summary>
/// Draws the demo store's product pictures as SVG: the product's kind as an icon from the Lucide set
/// (a phone looks like a phone, a kurta like a shirt) in the variant's colour, in three views (front,
/// close-up, on a shelf). Same kind, colour and view, same drawing, so pictures are stored once.
/// </summary>
public static class DemoPictures
{
    public enum View { Front, CloseUp, Shelf }

    public static readonly View[] Views = [View.Front, View.CloseUp, View.Shelf];

    /// <summary>Lucide's icons as element lists ("icon-nodes.json" from the lucide-static package).</summary>
    private static readonly Lazy<Dictionary<string, JsonElement>> Icons = new(() =>
    {
        using var stream = typeof(DemoPictures).Assembly.GetManifestResourceStream("LucideIcons")!;
        return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(stream)!;
    });

    /// <summary>Kinds Lucide has no icon for, drawn in its style (24 x 24, strokes).</summary>
    private static readonly Dictionary<string, string> OwnIcons = new()
    {
        ["jeans"] = """<path d="M6.5 2h11l1.5 20h-5L12 10l-2 12H5z"/><path d="M6.4 5.5h11.2"/><path d="M9 5.5v2.5M15 5.5v2.5"/>""",
        ["dress"] = """<path d="M9 2h6l-1 5.5 5 14.5H5l5-14.5z"/><path d="M10 7.5h4"/>""",
        ["saree"] = """<path d="M9 2h6l-1 5.5 5 14.5H5l5-14.5z"/><path d="M10 7.5h4"/><path d="M14 7.5 8 22M15.8 12.5 10.8 22"/>""",
        ["pan"] = """<ellipse cx="10" cy="13" rx="8" ry="4"/><path d="M2 13v1.5c0 2.2 3.6 4 8 4s8-1.8 8-4V13"/><path d="M18 12.5h4.5"/>""",
        ["mat"] = """<rect x="3" y="8" width="15" height="9" rx="1.5"/><circle cx="19" cy="12.5" r="3.5"/><path d="M6 12.5h9"/>""",
        ["bat"] = """<path d="M14.5 2.5 21 9l-9.5 9.5-3-1-1-3z"/><path d="M7.5 16.5 3 21"/>""",
    };

    /// <summary>Each noun of <see cref="DemoCatalog.Leaves"/> by the icon that draws it.</summary>
    private static readonly Dictionary<string, string> IconOfNoun = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Smartphone"] = "smartphone", ["5G Phone"] = "smartphone", ["Phone"] = "smartphone",
        ["Laptop"] = "laptop", ["Ultrabook"] = "laptop", ["Gaming Laptop"] = "laptop",
        ["Wireless Headphones"] = "headphones", ["Earbuds"] = "earbuds", ["Neckband"] = "headphones",
        ["Bluetooth Speaker"] = "speaker", ["Soundbar"] = "speaker", ["Party Speaker"] = "speaker",
        ["Smart Plug"] = "plug", ["Smart Bulb"] = "lightbulb", ["Security Camera"] = "cctv", ["Smart Speaker"] = "speaker",
        ["Mirrorless Camera"] = "camera", ["Action Camera"] = "camera", ["Instant Camera"] = "camera",
        ["Cotton Kurta"] = "shirt", ["Linen Kurta"] = "shirt", ["Silk Kurta"] = "shirt", ["Printed Kurta"] = "shirt",
        ["Formal Shirt"] = "shirt", ["Casual Shirt"] = "shirt", ["Oxford Shirt"] = "shirt",
        ["Slim Fit Jeans"] = "jeans", ["Straight Jeans"] = "jeans", ["Relaxed Jeans"] = "jeans",
        ["Kanjivaram Silk Saree"] = "saree", ["Cotton Saree"] = "saree", ["Banarasi Saree"] = "saree", ["Chiffon Saree"] = "saree",
        ["Anarkali Kurti"] = "dress", ["Straight Kurti"] = "shirt", ["A-line Kurti"] = "dress",
        ["Maxi Dress"] = "dress", ["Midi Dress"] = "dress", ["Wrap Dress"] = "dress",
        ["Running Shoes"] = "sport-shoe", ["Sneakers"] = "sport-shoe", ["Kolhapuri Chappals"] = "footprints", ["Loafers"] = "sport-shoe",
        ["Leather Wallet"] = "wallet", ["Tote Bag"] = "handbag", ["Analog Watch"] = "watch", ["Sunglasses"] = "glasses",
        ["Pressure Cooker"] = "cooking-pot", ["Kadai"] = "cooking-pot", ["Tawa"] = "pan", ["Non-stick Pan"] = "pan",
        ["Dinner Set"] = "utensils", ["Steel Thali Set"] = "utensils", ["Ceramic Mugs"] = "coffee",
        ["Cotton Bedsheet"] = "bed-double", ["Jaipuri Bedsheet"] = "bed-double", ["Fitted Sheet"] = "bed-double",
        ["Blackout Curtain"] = "blinds", ["Sheer Curtain"] = "blinds", ["Door Curtain"] = "blinds",
        ["Brass Diya"] = "flame", ["Wall Clock"] = "clock", ["Table Lamp"] = "lamp", ["Photo Frame"] = "frame",
        ["Face Wash"] = "soap-dispenser-droplet", ["Moisturiser"] = "pill-bottle", ["Sunscreen SPF 50"] = "sun", ["Serum"] = "pipette",
        ["Shampoo"] = "soap-dispenser-droplet", ["Hair Oil"] = "droplet", ["Conditioner"] = "pill-bottle",
        ["Eau de Parfum"] = "perfume-bottle", ["Attar"] = "perfume-bottle", ["Body Mist"] = "spray-can",
        ["Dumbbell Set"] = "dumbbell", ["Resistance Band"] = "activity", ["Skipping Rope"] = "activity",
        ["English Willow Bat"] = "bat", ["Kashmir Willow Bat"] = "bat", ["Cricket Ball"] = "baseball", ["Batting Gloves"] = "hand",
        ["Yoga Mat"] = "mat", ["Yoga Block"] = "box", ["Meditation Cushion"] = "armchair",
        ["Novel"] = "book", ["Short Stories"] = "book-open", ["Thriller"] = "book",
        ["Biography"] = "book-open-text", ["History"] = "book", ["Self-help"] = "notebook-pen",
        ["Picture Book"] = "book-heart", ["Activity Book"] = "notebook-pen", ["Story Collection"] = "book-open",
        ["Assam Tea"] = "leaf", ["Darjeeling Tea"] = "leaf", ["Filter Coffee"] = "coffee", ["Masala Chai"] = "cup-soda",
        ["Garam Masala"] = "bean", ["Turmeric Powder"] = "bean", ["Kashmiri Chilli"] = "flame", ["Sambar Powder"] = "bean",
        ["Bhujia"] = "popcorn", ["Banana Chips"] = "cookie", ["Khakhra"] = "cookie", ["Chikki"] = "candy",
        ["Chess Set"] = "chess-king", ["Ludo"] = "dice-5", ["Carrom Board"] = "square-dashed", ["Word Game"] = "puzzle",
        ["Building Blocks"] = "blocks", ["Construction Kit"] = "toy-brick", ["Magnetic Tiles"] = "puzzle",
    };

    private static readonly Dictionary<string, string> ColourHex = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Black"] = "#26272b", ["White"] = "#f2f2ef", ["Navy"] = "#23345f", ["Maroon"] = "#7b2232", ["Olive"] = "#6f6d2c",
        ["Mustard"] = "#d9a21b", ["Teal"] = "#16808a", ["Grey"] = "#8a9099", ["Beige"] = "#d8c6a0", ["Red"] = "#c8322f",
        ["Blue"] = "#2566c9", ["Green"] = "#2f7d3a",
    };

    /// <summary>The drawing of <paramref name="noun"/> in <paramref name="colour"/> (one of <see cref="DemoCatalog.Colours"/>).</summary>
    public static string Draw(string noun, string colour, View view)
    {
        var icon = Icon(IconOfNoun.GetValueOrDefault(noun, "shopping-bag"));
        var paint = ColourHex.GetValueOrDefault(colour, "#2566c9");
        var ink = Shade(paint, IsLight(paint) ? 0.55 : 0.7);
        var backdrop = Tint(paint, 0.9);
        var svg = new StringBuilder("""<svg xmlns="http://www.w3.org/2000/svg" width="480" height="480" viewBox="0 0 480 480">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<defs><linearGradient id="b" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#fbfaf8"/><stop offset="1" stop-color="{Tint(paint, 0.82)}"/></linearGradient></defs>""");
        svg.Append("""<rect width="480" height="480" fill="url(#b)"/>""");
        var (scale, x, y, turn) = view switch
        {
            View.CloseUp => (17.0, 36.0, 40.0, -12),
            View.Shelf => (9.5, 126.0, 150.0, 0),
            _ => (13.5, 78.0, 66.0, 0),
        };
        if (view == View.Shelf)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="240" cy="214" r="150" fill="{backdrop}"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<rect x="40" y="388" width="400" height="16" rx="8" fill="{Shade(backdrop, 0.82)}"/>""");
        }
        if (view != View.CloseUp)
            svg.Append(CultureInfo.InvariantCulture, $"""<ellipse cx="240" cy="{(view == View.Shelf ? 384 : 420)}" rx="{(view == View.Shelf ? 120 : 150)}" ry="14" fill="#000" fill-opacity="0.08"/>""");
        svg.Append(CultureInfo.InvariantCulture,
            $"""<g transform="translate({x} {y}) rotate({turn} 12 12) scale({scale})" fill="{paint}" fill-opacity="0.35" stroke="{ink}" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">""");
        svg.Append(icon).Append("</g></svg>");
        return svg.ToString();
    }

    private static string Icon(string name)
    {
        if (OwnIcons.TryGetValue(name, out var own))
            return own;
        var elements = new StringBuilder();
        foreach (var node in Icons.Value[name].EnumerateArray())
        {
            elements.Append('<').Append(node[0].GetString());
            foreach (var attribute in node[1].EnumerateObject())
                elements.Append(' ').Append(attribute.Name).Append("=\"").Append(SecurityElement.Escape(attribute.Value.ToString())).Append('"');
            elements.Append("/>");
        }
        return elements.ToString();
    }

    private static (int R, int G, int B) Rgb(string hex) =>
        (Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16));

    private static bool IsLight(string hex) => Rgb(hex) is var (r, g, b) && 0.299 * r + 0.587 * g + 0.114 * b > 170;

    private static string Shade(string hex, double keep) =>
        Rgb(hex) is var (r, g, b) ? $"#{(int)(r * keep):x2}{(int)(g * keep):x2}{(int)(b * keep):x2}" : hex;

    private static string Tint(string hex, double towardsWhite) =>
        Rgb(hex) is var (r, g, b) ? $"#{Mix(r, towardsWhite):x2}{Mix(g, towardsWhite):x2}{Mix(b, towardsWhite):x2}" : hex;

    private static int Mix(int channel, double towardsWhite) => (int)(channel + (255 - channel) * towardsWhite);
}
