using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;

namespace Egi.Web.Features.Audit;

/// <summary>The search of the audit screen, parsed from what the person typed (query string or export form).</summary>
public sealed class AuditFilter
{

    public string? Text { get; private init; }
    public string? Action { get; private init; }
    public string? Entity { get; private init; }
    public DateOnly? From { get; private init; }
    public DateOnly? To { get; private init; }

    /// <summary>One evaluation's timeline: its own lines and those of its evidence (SPEC §9).</summary>
    public int? EvaluationId { get; private init; }

    /// <summary>Spanish messages by field (q, accion, entidad, desde, hasta); the search is not run while there is any.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; private init; } = new Dictionary<string, string>();

    public bool IsValid => Errors.Count == 0;

    public bool IsEmpty => Text is null && Action is null && Entity is null && From is null && To is null && EvaluationId is null;

    public static AuditFilter Parse(string? text, string? action, string? entity, string? from, string? to, string? evaluation = null)
    {
        var errors = new Dictionary<string, string>();
        int? evaluationId = null;
        if (!string.IsNullOrWhiteSpace(evaluation))
        {
            if (int.TryParse(evaluation.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var ev) && ev > 0) evaluationId = ev;
            else errors["evaluacion"] = AuditMessages.EvaluationInvalid(evaluation.Trim());
        }
        var fromDate = ParseDate(from, "desde", "Desde", errors);
        var toDate = ParseDate(to, "hasta", "Hasta", errors);
        if (fromDate is { } f && toDate is { } t && t < f)
            errors["hasta"] = AuditMessages.ToBeforeFrom(f, t);
        var trimmed = Clean(text);
        if (trimmed is { Length: > 200 }) errors["q"] = AuditMessages.SearchTextTooLong;
        return new AuditFilter
        {
            Text = trimmed,
            Action = Clean(action),
            Entity = Clean(entity),
            From = fromDate,
            To = toDate,
            EvaluationId = evaluationId,
            Errors = errors,
        };
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static DateOnly? ParseDate(string? text, string field, string label, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (FormInput.TryParseDate(text, out var date)
            && date.Year is >= 2000 and <= 2100)
            return date;
        errors[field] = AuditMessages.DateInvalid(label, text.Trim());
        return null;
    }

    /// <summary>Start of <see cref="From"/> in Bogotá, as UTC (inclusive).</summary>
    public DateTime? FromUtc => From is { } f ? BogotaMidnightUtc(f) : null;

    /// <summary>Start of the day after <see cref="To"/> in Bogotá, as UTC (exclusive): "hasta" includes the whole day.</summary>
    public DateTime? ToUtcExclusive => To is { } t ? BogotaMidnightUtc(t.AddDays(1)) : null;

    private static DateTime BogotaMidnightUtc(DateOnly day) =>
        BogotaTime.StartOfDayUtc(day);

    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> query)
    {
        if (Text is { } text)
        {
            var t = text.ToLower(CultureInfo.InvariantCulture);
#pragma warning disable CA1862 // ToLower() is translated to SQL lower(); StringComparison overloads are not.
            query = query.Where(a => a.UserName.ToLower().Contains(t) || a.Summary.ToLower().Contains(t) || a.EntityId.ToLower().Contains(t));
#pragma warning restore CA1862
        }
        if (Action is { } action) query = query.Where(a => a.Action == action);
        if (Entity is { } entity) query = query.Where(a => a.EntityType == entity);
        if (EvaluationId is { } evaluationId)
        {
            var id = evaluationId.ToString(CultureInfo.InvariantCulture);
            var evidence = AuditEntities.EvidenceOf(evaluationId);
            query = query.Where(a => (a.EntityType == AuditEntities.Evaluation && a.EntityId == id)
                || (a.EntityType == AuditEntities.Evidence && a.Summary.Contains(evidence)));
        }
        if (FromUtc is { } from) query = query.Where(a => a.At >= from);
        if (ToUtcExclusive is { } to) query = query.Where(a => a.At < to);
        return query;
    }

    /// <summary>How the export's audit line describes the search: "texto «x», acción «Crear», desde 01/01/2026".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (EvaluationId is { } ev) parts.Add($"evaluación {ev.ToString(CultureInfo.InvariantCulture)}");
        if (Text is not null) parts.Add($"texto «{Text}»");
        if (Action is not null) parts.Add($"acción «{Action}»");
        if (Entity is not null) parts.Add($"entidad «{Entity}»");
        if (From is { } f) parts.Add($"desde {f:dd/MM/yyyy}");
        if (To is { } t) parts.Add($"hasta {t:dd/MM/yyyy}");
        return parts.Count == 0 ? "sin filtros" : "con filtros: " + string.Join(", ", parts);
    }
}
