using System.IO.Compression;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
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
        ["odt"] = "application/vnd.oasis.opendocument.text",
        ["ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        ["odp"] = "application/vnd.oasis.opendocument.presentation",
        ["zip"] = "application/zip",
        ["csv"] = "text/csv",
        ["txt"] = "text/plain",
        ["doc"] = "application/msword",
        ["xls"] = "application/vnd.ms-excel",
        ["ppt"] = "application/vnd.ms-powerpoint",
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

    /// <summary>
    /// Null when the file is acceptable; otherwise a Spanish message naming it. <paramref name="content"/> must be seekable
    /// (the upload's temporary file): only its first bytes, and for ZIP-based formats its directory, are read.
    /// </summary>
    public static string? Check(string name, Stream content, PeriodSettings settings)
    {
        var ext = Extension(name);
        var allowed = settings.EvidenceTypes;
        if (!allowed.Contains(ext) && !(ext == "jpeg" && allowed.Contains("jpg")))
            return EvaluationMessages.EvidenceTypeNotAllowed(ext, allowed);
        if (content.Length == 0) return EvaluationMessages.EvidenceEmpty(name);
        if (!SignatureMatches(ext, content))
            return EvaluationMessages.EvidenceContentMismatch(name, ext);
        return null;
    }

    public static string ContentTypeOf(string name) =>
        ContentTypes.TryGetValue(Extension(name), out var t) ? t : "application/octet-stream";

    private static readonly byte[] Ole2 = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>Whether the content is what the extension claims (by magic bytes, or the ZIP's own parts for Office/ODF).</summary>
    public static bool SignatureMatches(string ext, Stream content)
    {
        var buffer = new byte[8];
        content.Position = 0;
        var head = buffer[..content.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false)];
        content.Position = 0;
        bool Starts(ReadOnlySpan<byte> prefix) => head.AsSpan().StartsWith(prefix);
        return ext switch
        {
            "pdf" => Starts("%PDF-"u8),
            "png" => Starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
            "jpg" or "jpeg" => Starts([0xFF, 0xD8, 0xFF]),
            "docx" => OfficeZip(content, "wordprocessingml"),
            "xlsx" => OfficeZip(content, "spreadsheetml"),
            "pptx" => OfficeZip(content, "presentationml"),
            "odt" => OdfZip(content, "application/vnd.oasis.opendocument.text"),
            "ods" => OdfZip(content, "application/vnd.oasis.opendocument.spreadsheet"),
            "odp" => OdfZip(content, "application/vnd.oasis.opendocument.presentation"),
            "zip" => Starts("PK\x03\x04"u8) || Starts("PK\x05\x06"u8),
            "doc" or "xls" or "ppt" => Starts(Ole2),
            // Plain text (csv, txt): at least not an executable.
            _ => !Starts("MZ"u8) && !Starts([0x7F, (byte)'E', (byte)'L', (byte)'F']),
        };
    }

    /// <summary>An Office Open XML package: a ZIP whose [Content_Types].xml declares the main part of its kind.</summary>
    private static bool OfficeZip(Stream content, string kind) =>
        ReadEntry(content, "[Content_Types].xml", 1024 * 1024) is { } types
        && types.Contains($"application/vnd.openxmlformats-officedocument.{kind}.", StringComparison.Ordinal);

    /// <summary>An OpenDocument file: a ZIP whose «mimetype» entry is exactly the type of its extension.</summary>
    private static bool OdfZip(Stream content, string mimeType) =>
        ReadEntry(content, "mimetype", 200) is { } text && text.Trim() == mimeType;

    private static string? ReadEntry(Stream content, string entryName, int maxChars)
    {
        content.Position = 0;
        Span<byte> pk = stackalloc byte[4];
        if (content.ReadAtLeast(pk, 4, throwOnEndOfStream: false) < 4 || !pk.SequenceEqual("PK\x03\x04"u8)) return null;
        content.Position = 0;
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var entry = zip.GetEntry(entryName);
            if (entry is null || entry.Length > maxChars * 4L) return null;
            using var reader = new StreamReader(entry.Open());
            var buffer = new char[maxChars];
            var read = reader.ReadBlock(buffer, 0, maxChars);
            return new string(buffer, 0, read);
        }
        catch (InvalidDataException)
        {
            return null;
        }
        finally
        {
            content.Position = 0;
        }
    }

    /// <summary>Null when <paramref name="url"/> is an absolute http(s) address; otherwise a Spanish message.</summary>
    public static string? CheckUrl(string url) => EvidenceItem.CheckUrl(url);

    /// <summary>Streams the checked file to the store and returns the new piece of evidence (to attach through the evaluation).</summary>
    public static async Task<EvidenceItem> StoreAsync(IFileStore store, int evaluationId, int goal, string name, Stream content,
        string uploadedBy, DateTime now, CancellationToken ct)
    {
        var stored = Guid.NewGuid().ToString("N");
        content.Position = 0;
        var file = await store.SaveAsync(evaluationId, stored, content, ct);
        return EvidenceItem.File(goal, name, stored, ContentTypeOf(name), file.Size, file.Sha256, uploadedBy, now);
    }
}
