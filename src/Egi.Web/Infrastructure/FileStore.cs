namespace Egi.Web.Infrastructure;

/// <summary>Evidence files, kept outside the web root: {Egi:DataFolder}/evidence/{evaluationId}/{storedName}.</summary>
public interface IFileStore
{
    /// <summary>Writes <paramref name="content"/> to a temporary file and then moves it into place (never a half-written file).</summary>
    Task SaveAsync(int evaluationId, string storedName, byte[] content, CancellationToken ct = default);

    /// <summary>The stored file, or null when it is missing.</summary>
    Stream? OpenRead(int evaluationId, string storedName);

    /// <summary>Full path of a stored file (for diagnostics and tests).</summary>
    string PathOf(int evaluationId, string storedName);
}

public sealed class DiskFileStore(string dataFolder) : IFileStore
{
    private readonly string root = Path.GetFullPath(Path.Combine(dataFolder, "evidence"));

    public string PathOf(int evaluationId, string storedName)
    {
        if (!Guid.TryParseExact(storedName, "N", out _)) throw new ArgumentException("Nombre de archivo interno no válido.", nameof(storedName));
        return Path.Combine(root, evaluationId.ToString(System.Globalization.CultureInfo.InvariantCulture), storedName);
    }

    public async Task SaveAsync(int evaluationId, string storedName, byte[] content, CancellationToken ct = default)
    {
        var path = PathOf(evaluationId, storedName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        await File.WriteAllBytesAsync(temp, content, ct);
        File.Move(temp, path, overwrite: false);
    }

    public Stream? OpenRead(int evaluationId, string storedName)
    {
        var path = PathOf(evaluationId, storedName);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }
}

public static class FileStoreRegistration
{
    public static IServiceCollection AddEgiFileStore(this IServiceCollection services) =>
        services.AddSingleton<IFileStore>(sp => new DiskFileStore(
            ServiceRegistration.ResolveDataFolder(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>())));
}
