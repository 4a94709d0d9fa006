using System.IO.Compression;
using System.Security.Cryptography;
using Egi.Domain.Calendar;
using Egi.Web.Data;
using Egi.Web.Infrastructure;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// Checks an uploaded evidence file by its content (signature), not only its extension, and stores it under a GUID.
/// Links must be http or https.
/// </summary>
public static class EvidenceRules
{
    private static readonly Dictionary<string, string> ContentTypes = new()
    {
        ["pdf"] = "application/pdf",
        ["png"] = "image/png",
        ["jpg"] = "image/jpeg",
        ["jpeg"] = "image/jpeg",
        ["docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ["xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ["pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    };

    /// <summary>The bare file name for display: any folder part ("../../x.pdf" → "x.pdf") is dropped.</summary>
    public static string DisplayName(string? fileName)
    {
        var name = (fileName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..].Trim();
        name = new string(name.Where(ch => !char.IsControl(ch)).ToArray());
        if (name.Length == 0 || name is "." or "..") name = "archivo";
        return name.Length > EvidenceItem.NameMax ? name[^EvidenceItem.NameMax..] : name;
    }

    public static string Extension(string name) => Path.GetExtension(name).TrimStart('.').ToLowerInvariant();

    /// <summary>Null when the file is acceptable; otherwise a Spanish message.</summary>
    public static string? Check(string name, byte[] content, PeriodSettings settings)
    {
        var ext = Extension(name);
        var allowed = settings.EvidenceTypes;
        if (!allowed.Contains(ext) && !(ext == "jpeg" && allowed.Contains("jpg")))
            return $"El tipo de archivo «{(ext.Length == 0 ? "sin extensión" : ext)}» no está permitido. Tipos permitidos: {string.Join(", ", allowed)}.";
        if (content.Length == 0) return "El archivo está vacío.";
        if (!SignatureMatches(ext, content))
            return $"El contenido del archivo «{name}» no corresponde a un archivo {ext.ToUpperInvariant()} válido.";
        return null;
    }

    public static string SizeText(long bytes) =>
        bytes >= 1024 * 1024
            ? (bytes / 1024d / 1024d).ToString("0.0", ServiceRegistration.Culture) + " MB"
            : Math.Max(1, (bytes + 1023) / 1024).ToString(ServiceRegistration.Culture) + " KB";

    public static string ContentTypeOf(string name) =>
        ContentTypes.TryGetValue(Extension(name), out var t) ? t : "application/octet-stream";

    public static string Sha256Of(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static bool StartsWith(byte[] content, params byte[] prefix) => content.AsSpan().StartsWith(prefix);

    private static bool SignatureMatches(string ext, byte[] c) => ext switch
    {
        "pdf" => StartsWith(c, "%PDF-"u8.ToArray()),
        "png" => StartsWith(c, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A),
        "jpg" or "jpeg" => StartsWith(c, 0xFF, 0xD8, 0xFF),
        "docx" => ZipHas(c, "word/document.xml"),
        "xlsx" => ZipHas(c, "xl/workbook.xml"),
        "pptx" => ZipHas(c, "ppt/presentation.xml"),
        // Other types the period may allow: refuse executables at least.
        _ => !StartsWith(c, (byte)'M', (byte)'Z') && !StartsWith(c, 0x7F, (byte)'E', (byte)'L', (byte)'F'),
    };

    private static bool ZipHas(byte[] c, string part)
    {
        if (!StartsWith(c, (byte)'P', (byte)'K', 3, 4)) return false;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(c, writable: false), ZipArchiveMode.Read);
            return zip.GetEntry(part) is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>Null when <paramref name="url"/> is an absolute http(s) address; otherwise a Spanish message.</summary>
    public static string? CheckUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps)
            ? url.Length > EvidenceItem.UrlMax ? $"El enlace admite máximo {EvidenceItem.UrlMax} caracteres." : null
            : "El enlace debe ser una dirección completa que empiece por http:// o https://.";

    /// <summary>Stores the checked file and returns the new (unsaved) item.</summary>
    public static async Task<EvidenceItem> StoreAsync(IFileStore store, int evaluationId, int followUp, int goal, string name, byte[] content,
        string uploadedBy, DateTime now, CancellationToken ct)
    {
        var stored = Guid.NewGuid().ToString("N");
        await store.SaveAsync(evaluationId, stored, content, ct);
        return new EvidenceItem
        {
            EvaluationId = evaluationId,
            FollowUp = followUp,
            GoalNumber = goal,
            Kind = EvidenceKind.File,
            OriginalName = name,
            StoredName = stored,
            ContentType = ContentTypeOf(name),
            Size = content.Length,
            UploadedBy = uploadedBy,
            UploadedAt = now,
            Sha256 = Sha256Of(content),
        };
    }
}
