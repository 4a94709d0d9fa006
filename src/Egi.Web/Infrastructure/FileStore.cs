using System.Security.Cryptography;

namespace Egi.Web.Infrastructure;

/// <summary>What was written: the size in bytes and the SHA-256 in lower-case hex.</summary>
public sealed record StoredFile(long Size, string Sha256);

/// <summary>Evidence files, kept outside the web root: {Egi:DataFolder}/evidence/{evaluationId}/{storedName}.</summary>
public interface IFileStore
{
    /// <summary>
    /// Streams <paramref name="content"/> (from its current position) to a temporary file and then moves it into place
    /// (never a half-written file); returns its size and SHA-256, computed on the way. Never holds the file in memory.
    /// </summary>
    Task<StoredFile> SaveAsync(int evaluationId, string storedName, Stream content, CancellationToken ct = default);

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

    public async Task<StoredFile> SaveAsync(int evaluationId, string storedName, Stream content, CancellationToken ct = default)
    {
        var path = PathOf(evaluationId, storedName);
        PrivateFolder.Create(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        try
        {
            await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), ct);
                    size += read;
                }
            }
            File.Move(temp, path, overwrite: false);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        return new StoredFile(size, Convert.ToHexStringLower(hash.GetHashAndReset()));
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
