namespace Egi.Web.Infrastructure.Import;

/// <summary>
/// Keeps an uploaded file between its preview and its confirmation, in the data folder (outside the web root),
/// under a random token. Only a token that is exactly a GUID in "N" format is ever turned into a path, so a
/// tampered token cannot reach any other file.
/// </summary>
public sealed class PendingImports(string dataFolder)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private readonly string folder = Path.Combine(dataFolder, "imports");

    /// <param name="Previewed">What the preview planned for this file, as the server kept it (null for a file kept without one).</param>
    public sealed record Pending(byte[] Content, string FileName, PreviewedPlan? Previewed = null);

    /// <summary>The plan the preview showed: its fingerprint and how many rows it writes (kept server-side, never taken from the form).</summary>
    public sealed record PreviewedPlan(string Fingerprint, int Changes);

    /// <summary>The canonical token, or null when <paramref name="token"/> is not a GUID written as 32 hex digits.</summary>
    public static string? Canonical(string? token) =>
        token is { Length: 32 } && Guid.TryParseExact(token, "N", out var guid) ? guid.ToString("N") : null;

    public async Task<string> SaveAsync(byte[] content, string fileName, CancellationToken ct, PreviewedPlan? previewed = null)
    {
        PrivateFolder.Create(folder);
        PurgeExpired();
        var token = Guid.NewGuid().ToString("N");
        await File.WriteAllBytesAsync(DataPath(token), content, ct);
        await File.WriteAllTextAsync(NamePath(token), fileName, ct);
        if (previewed is not null)
            await File.WriteAllTextAsync(PlanPath(token), $"{previewed.Changes.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n{previewed.Fingerprint}", ct);
        return token;
    }

    /// <summary>The file kept under <paramref name="token"/>, or null if the token is malformed, unknown or expired.</summary>
    public async Task<Pending?> LoadAsync(string? token, CancellationToken ct)
    {
        if (Canonical(token) is not { } t) return null;
        var data = DataPath(t);
        if (!File.Exists(data)) return null;
        if (DateTime.UtcNow - File.GetLastWriteTimeUtc(data) > Lifetime)
        {
            Delete(t);
            return null;
        }
        var name = File.Exists(NamePath(t)) ? await File.ReadAllTextAsync(NamePath(t), ct) : "archivo";
        return new Pending(await File.ReadAllBytesAsync(data, ct), name, await PreviewedAsync(t, ct));
    }

    private async Task<PreviewedPlan?> PreviewedAsync(string token, CancellationToken ct)
    {
        if (!File.Exists(PlanPath(token))) return null;
        var parts = (await File.ReadAllTextAsync(PlanPath(token), ct)).Split('\n', 2);
        return parts is [var changes, var fingerprint] && int.TryParse(changes, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && fingerprint.Length > 0 ? new PreviewedPlan(fingerprint, n) : null;
    }

    public void Delete(string? token)
    {
        if (Canonical(token) is not { } t) return;
        TryDelete(DataPath(t));
        TryDelete(NamePath(t));
        TryDelete(PlanPath(t));
    }

    private void PurgeExpired()
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(folder))
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) > Lifetime) TryDelete(file);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Another request is deleting it too; the purge will catch any leftover.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string DataPath(string token) => Path.Combine(folder, token + ".upload");

    private string NamePath(string token) => Path.Combine(folder, token + ".name");

    private string PlanPath(string token) => Path.Combine(folder, token + ".plan");
}
