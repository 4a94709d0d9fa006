namespace Egi.Domain.Evaluations;

public enum EvidenceKind
{
    File = 0,
    Link = 1,
}

/// <summary>
/// One piece of evidence of a self-evaluation (SPEC §4): an uploaded file or a link, tied to a goal of a follow-up.
/// Part of its <see cref="Evaluation"/>: attached and removed only through <see cref="Evaluation.AttachEvidence"/> and
/// <see cref="Evaluation.RemoveEvidence"/>, which check who acts, the state and the window, and change the evaluation's
/// version (so a stale page is refused). Never deleted once sent, nor when a step is rejected. Files live outside the
/// web root under <see cref="StoredName"/>, a generated GUID; <see cref="OriginalName"/> is only for display.
/// </summary>
public sealed class EvidenceItem
{
    public const int NameMax = 255;
    public const int UrlMax = 2000;
    public const int ContentTypeMax = 200;
    public const int UploadedByMax = 200;

    private EvidenceItem()
    {
    }

    public int Id { get; private set; }
    public int EvaluationId { get; internal set; }

    /// <summary>1 or 2: the follow-up in course when it was attached.</summary>
    public int FollowUp { get; internal set; }

    public int GoalNumber { get; private set; }
    public EvidenceKind Kind { get; private set; }
    public string OriginalName { get; private set; } = "";
    public string? StoredName { get; private set; }
    public string? ContentType { get; private set; }
    public long Size { get; private set; }
    public string? Url { get; private set; }
    public string UploadedBy { get; private set; } = "";
    public DateTime UploadedAt { get; private set; }
    public string? Sha256 { get; private set; }

    /// <summary>
    /// The <see cref="EvaluationVersion.Sequence"/> of the self-evaluation version (the evaluado's proposal of this
    /// follow-up) with which the evidence was first sent; null while it is only in the draft. Stamped in the save that
    /// records the sending (<see cref="MarkSentWith"/>), so each version shows the evidence it had when it was sent.
    /// </summary>
    public int? SentWithVersion { get; private set; }

    /// <summary>Still in the draft of its follow-up: not sent with any version yet.</summary>
    public bool IsDraft => SentWithVersion is null;

    /// <summary>A link (checked by <see cref="CheckUrl"/> when attached).</summary>
    public static EvidenceItem Link(int goalNumber, string url, string uploadedBy, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(url);
        var trimmed = url.Trim();
        return new()
        {
            GoalNumber = goalNumber,
            Kind = EvidenceKind.Link,
            OriginalName = trimmed.Length > NameMax ? trimmed[..NameMax] : trimmed,
            Url = trimmed,
            UploadedBy = Cut(uploadedBy, UploadedByMax),
            UploadedAt = at,
        };
    }

    /// <summary>A file already checked and stored under <paramref name="storedName"/>.</summary>
    public static EvidenceItem File(int goalNumber, string originalName, string storedName, string contentType, long size, string? sha256,
        string uploadedBy, DateTime at) => new()
        {
            GoalNumber = goalNumber,
            Kind = EvidenceKind.File,
            OriginalName = Cut(originalName, NameMax),
            StoredName = storedName,
            ContentType = Cut(contentType, ContentTypeMax),
            Size = size,
            Sha256 = sha256,
            UploadedBy = Cut(uploadedBy, UploadedByMax),
            UploadedAt = at,
        };

    /// <summary>Null when <paramref name="url"/> is an absolute http(s) address; otherwise a Spanish message.</summary>
    public static string? CheckUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps)
            ? url!.Trim().Length > UrlMax ? $"El enlace admite máximo {UrlMax} caracteres." : null
            : "El enlace debe ser una dirección completa que empiece por http:// o https://.";

    /// <summary>
    /// Records that the evidence went with the version <paramref name="sequence"/> of its follow-up (the first one sent
    /// at or after it was attached). A piece already sent keeps the version it went with.
    /// </summary>
    public void MarkSentWith(int sequence) => SentWithVersion ??= sequence;

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
