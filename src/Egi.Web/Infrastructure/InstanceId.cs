namespace Egi.Web.Infrastructure;

/// <summary>Identifies this process among several instances of the application (for claims and job runs).</summary>
public static class InstanceId
{
    public static string New()
    {
        var id = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        return id.Length <= 60 ? id : id[^60..];
    }
}
