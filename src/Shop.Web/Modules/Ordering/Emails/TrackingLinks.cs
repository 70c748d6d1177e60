namespace Shop.Web.Modules.Ordering.Emails;

/// <summary>Where a buyer follows a parcel, for the carriers whose tracking pages take the number in the address.</summary>
public static class TrackingLinks
{
    private static readonly (string Name, string Url)[] Carriers =
    [
        ("delhivery", "https://www.delhivery.com/track/package/{0}"),
        ("blue dart", "https://www.bluedart.com/web/guest/trackdartresult?trackFor=0&trackNo={0}"),
        ("bluedart", "https://www.bluedart.com/web/guest/trackdartresult?trackFor=0&trackNo={0}"),
        ("dtdc", "https://www.dtdc.in/tracking.asp?strCnno={0}"),
        ("india post", "https://www.indiapost.gov.in/_layouts/15/dop.portal.tracking/trackconsignment.aspx?consignment={0}"),
        ("ekart", "https://ekartlogistics.com/shipmenttrack/{0}"),
        ("xpressbees", "https://www.xpressbees.com/shipment/tracking?awbNo={0}"),
    ];

    public static string? For(string? carrier, string? trackingNumber)
    {
        if (string.IsNullOrWhiteSpace(carrier) || string.IsNullOrWhiteSpace(trackingNumber))
            return null;
        var known = Carriers.FirstOrDefault(c => carrier.Contains(c.Name, StringComparison.OrdinalIgnoreCase));
        return known.Url is null ? null : string.Format(known.Url, Uri.EscapeDataString(trackingNumber.Trim()));
    }
}
