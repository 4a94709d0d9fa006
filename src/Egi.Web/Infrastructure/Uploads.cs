using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Egi.Web.Infrastructure;

/// <summary>What an upload endpoint receives: the limit of its files comes from <see cref="UploadOptions"/>.</summary>
public enum UploadKind
{
    /// <summary>Evidence files (the period's «Tamaño máximo de evidencia», never above <see cref="UploadOptions.EvidenceMaxMb"/>).</summary>
    Evidence,

    /// <summary>The import of servants (<see cref="UploadOptions.ServantImportMaxMb"/>).</summary>
    ServantImport,

    /// <summary>Plan items and attendance lists (<see cref="UploadOptions.SheetMaxMb"/>).</summary>
    Sheet,
}

/// <summary>The size of an uploaded file as a person reads it: «850 KB», «2,4 MB» (evidence, imported sheets, the audit).</summary>
public static class FileSizeText
{
    public static string Of(long bytes) =>
        bytes >= 1024 * 1024
            ? (bytes / 1024d / 1024d).ToString("0.0", ServiceRegistration.Culture) + " MB"
            : Math.Max(1, (bytes + 1023) / 1024).ToString(ServiceRegistration.Culture) + " KB";
}

/// <summary>Section "Uploads" of the configuration: the largest file the server accepts, per kind, in MB.</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>Largest evidence file; a period's «Tamaño máximo de evidencia» cannot exceed it.</summary>
    public int EvidenceMaxMb { get; set; } = 25;

    /// <summary>Largest file of the import of servants (50 000 rows weigh some 3 MB in .xlsx, 8 MB in CSV).</summary>
    public int ServantImportMaxMb { get; set; } = 20;

    /// <summary>Largest list of plan items or of attendance.</summary>
    public int SheetMaxMb { get; set; } = 5;

    /// <summary>
    /// Largest request an upload page reads to the end (a file over its limit is read and discarded, so the page can say
    /// so in Spanish); a request announced larger than this gets the «Archivo demasiado grande» page without being read.
    /// </summary>
    public int MaxRequestMb { get; set; } = 1024;

    public long BytesOf(UploadKind kind) => Mb(kind switch
    {
        UploadKind.Evidence => EvidenceMaxMb,
        UploadKind.ServantImport => ServantImportMaxMb,
        _ => SheetMaxMb,
    });

    public int MbOf(UploadKind kind) => kind switch
    {
        UploadKind.Evidence => EvidenceMaxMb,
        UploadKind.ServantImport => ServantImportMaxMb,
        _ => SheetMaxMb,
    };

    public long MaxRequestBytes => Mb(MaxRequestMb);

    public static long Mb(int mb) => mb * 1024L * 1024L;
}

/// <summary>Marks a page whose multipart posts are read by <see cref="UploadLimitMiddleware"/> with the limit of <see cref="Kind"/>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class UploadLimitAttribute(UploadKind kind) : Attribute
{
    public UploadKind Kind { get; } = kind;
}

/// <summary>
/// A file over the limit: its real size is known (so the page's own check answers in Spanish naming the limit), its
/// content was read and thrown away and cannot be opened.
/// </summary>
public sealed class OversizeFormFile(string name, string fileName, long length, string? contentType) : IFormFile
{
    public string ContentType => contentType ?? "application/octet-stream";
    public string ContentDisposition => $"form-data; name=\"{Name}\"; filename=\"{FileName}\"";
    public IHeaderDictionary Headers { get; } = new HeaderDictionary();
    public long Length { get; } = length;
    public string Name { get; } = name;
    public string FileName { get; } = fileName;

    public Stream OpenReadStream() => throw new InvalidOperationException("The content of a file over the limit is not kept.");
    public void CopyTo(Stream target) => throw new InvalidOperationException("The content of a file over the limit is not kept.");
    public Task CopyToAsync(Stream target, CancellationToken cancellationToken = default) => OpenReadStream().CopyToAsync(target, cancellationToken);
}

/// <summary>
/// Reads the multipart body of an upload page before anything else does (the antiforgery check, model binding), so
/// that no framework limit answers a bare 413 or a 500: each file is streamed to a temporary file on disk up to the
/// limit of the page; past it, the rest is read and discarded and the page gets an <see cref="OversizeFormFile"/> with
/// the real size, refused in Spanish by the page itself with nothing else changed. Only a request announced larger
/// than <see cref="UploadOptions.MaxRequestMb"/> (or one whose text fields alone are absurd) is answered without being
/// read, with the Spanish «Archivo demasiado grande» page naming the limit.
/// </summary>
public sealed class UploadLimitMiddleware(RequestDelegate next, IOptionsMonitor<UploadOptions> options, ILogger<UploadLimitMiddleware> logger)
{
    /// <summary>Where the 413 page finds the Spanish message naming the limit.</summary>
    public const string MessageItem = "Egi.UploadLimitMessage";

    // Every upload page takes one file and a few text fields (the self-evaluation's narratives at most): these bounds keep
    // what any signed-in person can make the server hold for one request small — a few MB of text in memory and a few
    // files on disk — whatever the request's size, which may reach MaxRequestMb so that a too-large file is still
    // answered in Spanish.
    private const int MaxFieldBytes = 1024 * 1024;
    private const int MaxTextBytes = 4 * 1024 * 1024;
    private const int MaxFields = 2048;
    private const int MaxFiles = 4;

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<UploadLimitAttribute>();
        var request = context.Request;
        if (limit is null || !HttpMethods.IsPost(request.Method) || !MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        var o = options.CurrentValue;
        var cap = o.BytesOf(limit.Kind);
        // The framework's limits (Kestrel's 30 MB, FormOptions) do not apply here: this reader enforces its own.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = o.MaxRequestBytes;
        if (request.ContentLength > o.MaxRequestBytes)
        {
            Refuse(context, $"La solicitud pesa {Text(request.ContentLength.Value)} y el máximo que acepta el servidor es {o.MaxRequestMb} MB; " +
                $"cada archivo puede pesar como máximo {o.MbOf(limit.Kind)} MB. No se guardó nada.");
            return;
        }
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        FormCollection form;
        try
        {
            form = await ReadAsync(context, boundary, cap, context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Refuse(context, $"La solicitud supera {o.MaxRequestMb} MB, el máximo que acepta el servidor; cada archivo puede pesar como máximo {o.MbOf(limit.Kind)} MB. No se guardó nada.");
            return;
        }
        catch (InvalidDataException e)
        {
            logger.LogInformation(e, "Upload refused: malformed or oversized form");
            Refuse(context, $"El formulario enviado no se pudo leer completo: trae más de {MaxFiles} archivos, campos de texto de más de " +
                $"{MaxFieldBytes / 1024 / 1024} MB (o de {MaxTextBytes / 1024 / 1024} MB entre todos), o llegó dañado. " +
                $"Cada archivo puede pesar como máximo {o.MbOf(limit.Kind)} MB. No se guardó nada.");
            return;
        }
        context.Features.Set<IFormFeature>(new FormFeature(form));
        await next(context);
    }

    private static void Refuse(HttpContext context, string message)
    {
        context.Items[MessageItem] = message;
        // The error page must not try to read the body either.
        context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
    }

    private static string Text(long bytes) => (bytes / 1024d / 1024d).ToString("0.0", ServiceRegistration.Culture) + " MB";

    private static async Task<FormCollection> ReadAsync(HttpContext context, string boundary, long cap, CancellationToken ct)
    {
        var reader = new MultipartReader(boundary, context.Request.Body) { HeadersLengthLimit = 16 * 1024, BodyLengthLimit = null };
        var fields = new KeyValueAccumulator();
        var files = new FormFileCollection();
        var count = 0;
        var fileCount = 0;
        long textBytes = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (++count > MaxFields) throw new InvalidDataException("Too many form sections.");
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    if (++fileCount > MaxFiles) throw new InvalidDataException("Too many files.");
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                    var temp = new FileStream(Path.Combine(Path.GetTempPath(), $"egi-upload-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew,
                        FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
                    context.Response.RegisterForDisposeAsync(temp);
                    long total = 0;
                    int read;
                    while ((read = await section.Body.ReadAsync(buffer, ct)) > 0)
                    {
                        if (total + read <= cap) await temp.WriteAsync(buffer.AsMemory(0, read), ct);
                        total += read;
                    }
                    if (fileName.Length == 0 && total == 0) continue; // a file input left empty
                    if (total > cap)
                    {
                        files.Add(new OversizeFormFile(name, fileName, total, section.ContentType));
                        continue;
                    }
                    var headers = new HeaderDictionary();
                    if (section.Headers is { } sectionHeaders)
                    {
                        foreach (var (key, value) in sectionHeaders) headers[key] = value;
                    }
                    files.Add(new FormFile(temp, 0, total, name, fileName) { Headers = headers });
                }
                else
                {
                    using var text = new MemoryStream();
                    int read;
                    while ((read = await section.Body.ReadAsync(buffer, ct)) > 0)
                    {
                        if (text.Length + read > MaxFieldBytes) throw new InvalidDataException($"Form field «{name}» too long.");
                        if ((textBytes += read) > MaxTextBytes) throw new InvalidDataException("Form fields too long together.");
                        text.Write(buffer, 0, read);
                    }
                    fields.Append(name, Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return new FormCollection(fields.HasValues ? fields.GetResults() : null, files);
    }
}

public static class UploadRegistration
{
    public static IServiceCollection AddEgiUploads(this IServiceCollection services, IConfiguration config)
    {
        services.AddCheckedOptions<UploadOptions>(config.GetSection(UploadOptions.Section), u =>
            OptionsValidation.Between("Uploads:MaxRequestMb", u.MaxRequestMb, 1, 4096)
                .Concat(OptionsValidation.Between("Uploads:EvidenceMaxMb", u.EvidenceMaxMb, 1, u.MaxRequestMb))
                .Concat(OptionsValidation.Between("Uploads:ServantImportMaxMb", u.ServantImportMaxMb, 1, u.MaxRequestMb))
                .Concat(OptionsValidation.Between("Uploads:SheetMaxMb", u.SheetMaxMb, 1, u.MaxRequestMb)));
        return services;
    }

    /// <summary>After authorization: nobody's body is read before they are known to be allowed on the page.</summary>
    public static IApplicationBuilder UseEgiUploads(this IApplicationBuilder app) => app.UseMiddleware<UploadLimitMiddleware>();
}
