namespace Egi.Web.Data;

public enum EvidenceKind
{
    File = 0,
    Link = 1,
}

/// <summary>
/// One piece of evidence of a self-evaluation (SPEC §4): an uploaded file or a link, tied to a goal of a follow-up.
/// Never deleted when a step is rejected. Files live outside the web root under <see cref="StoredName"/>, a generated
/// GUID; <see cref="OriginalName"/> is only for display.
/// </summary>
public sealed class EvidenceItem
{
    public const int NameMax = 255;
    public const int UrlMax = 2000;

    public int Id { get; set; }
    public int EvaluationId { get; set; }

    /// <summary>1 or 2.</summary>
    public int FollowUp { get; set; }

    public int GoalNumber { get; set; }
    public EvidenceKind Kind { get; set; }
    public string OriginalName { get; set; } = "";
    public string? StoredName { get; set; }
    public string? ContentType { get; set; }
    public long Size { get; set; }
    public string? Url { get; set; }
    public string UploadedBy { get; set; } = "";
    public DateTime UploadedAt { get; set; }
    public string? Sha256 { get; set; }

    /// <summary>
    /// The <see cref="Egi.Domain.Evaluations.EvaluationVersion.Sequence"/> of the self-evaluation version (the evaluado's
    /// proposal of this follow-up) with which the evidence was first sent; null while it is only in the draft. Stamped
    /// in the save that records the sending (<see cref="Features.Evaluations.EvaluationWorkflow"/>), so each version
    /// shows the evidence it had when it was sent (<see cref="Features.Evaluations.EvidenceRounds"/>).
    /// </summary>
    public int? SentWithVersion { get; set; }
}
