using System.ComponentModel.DataAnnotations;

namespace Shop.Web.Platform.Hosting;

public sealed class InstanceOptions
{
    public const string Section = "Instance";

    /// <summary>Names this process in the X-Shop-Instance response header and in metrics; defaults to host and process id.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// How long a stopping instance keeps serving after its readiness turns 503, so that load
    /// balancers polling readiness move traffic away before the listener closes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(5);

    public string ResolvedName => string.IsNullOrWhiteSpace(Name) ? $"{Environment.MachineName}-{Environment.ProcessId}" : Name;
}
