using Egi.Domain.Common;
using Egi.Domain.Directory;

namespace Egi.Domain.Process;

/// <summary>The two kinds of sessions of the procedure.</summary>
public enum SessionKind
{
    /// <summary>Activity 1: divulgation of the PND, the PEI and the planes de acción (Planeación).</summary>
    Divulgation = 1,

    /// <summary>Activity 2: socialization for evaluators and evaluados on how to use the system (Talento Humano).</summary>
    Socialization = 2,
}

/// <summary>Who is invited to a session.</summary>
public enum SessionAudience
{
    Evaluators = 1,
    Evaluados = 2,
    Dependency = 3,
    Everyone = 4,
}

/// <summary>What a person types for a session.</summary>
public sealed record SessionInput(
    SessionKind? Kind,
    string? Topic,
    DateOnly? Date,
    TimeOnly? StartTime,
    TimeOnly? EndTime,
    string? Place,
    string? Link,
    SessionAudience? Audience,
    int? DependencyId,
    string? Description);

/// <summary>A servant as the audience rules need them.</summary>
public sealed record AudienceServant(int Id, int DependencyId, int? BossId, EmploymentType EmploymentType, bool IsPublicManager, DateOnly? RetirementDate);

/// <summary>An evaluation of the period: who is evaluated and who evaluates (the boss or the members of a comisión).</summary>
public sealed record AudienceEvaluation(int EvaluadoId, IReadOnlyList<int> EvaluatorIds, bool Closed);

public static class SessionRules
{
    public const int TopicMax = 200;
    public const int PlaceMax = 200;
    public const int LinkMax = 500;
    public const int DescriptionMax = 2000;

    public static IReadOnlyList<SessionKind> Kinds { get; } = Enum.GetValues<SessionKind>();
    public static IReadOnlyList<SessionAudience> Audiences { get; } = Enum.GetValues<SessionAudience>();

    public static string Label(this SessionKind kind) => kind switch
    {
        SessionKind.Divulgation => "Divulgación",
        SessionKind.Socialization => "Socialización",
        _ => kind.ToString(),
    };

    /// <summary>The activity of P-TH-10 a session kind records.</summary>
    public static int Activity(this SessionKind kind) => kind == SessionKind.Divulgation ? 1 : 2;

    public static string Label(this SessionAudience audience) => audience switch
    {
        SessionAudience.Evaluators => "Evaluadores",
        SessionAudience.Evaluados => "Evaluados",
        SessionAudience.Dependency => "Una dependencia",
        SessionAudience.Everyone => "Todos los servidores",
        _ => audience.ToString(),
    };

    /// <summary>
    /// Who may create and change a session of this kind (SPEC §1): Talento Humano every session; Planeación its
    /// divulgation events only; nobody else.
    /// </summary>
    public static bool MayEdit(SessionKind kind, bool talentoHumano, bool planeacion) =>
        talentoHumano || (planeacion && kind == SessionKind.Divulgation);

    /// <summary>The kinds a person may create.</summary>
    public static IReadOnlyList<SessionKind> KindsFor(bool talentoHumano, bool planeacion) =>
        Kinds.Where(k => MayEdit(k, talentoHumano, planeacion)).ToList();

    public static IReadOnlyList<FieldError> Validate(SessionInput input)
    {
        var errors = new List<FieldError>();
        if (input.Kind is null || !Enum.IsDefined(input.Kind.Value))
            errors.Add(new(nameof(input.Kind), "Elija el «Tipo» de sesión: Divulgación o Socialización."));
        if (string.IsNullOrWhiteSpace(input.Topic))
            errors.Add(new(nameof(input.Topic), "Escriba el «Tema» de la sesión."));
        else if (input.Topic.Trim().Length > TopicMax)
            errors.Add(new(nameof(input.Topic), $"El «Tema» admite máximo {TopicMax} caracteres."));
        if (input.Date is null)
            errors.Add(new(nameof(input.Date), "Escriba la «Fecha» como dd/mm/aaaa."));
        if (input.StartTime is null)
            errors.Add(new(nameof(input.StartTime), "Escriba la «Hora de inicio» como hh:mm (24 horas), por ejemplo 09:00."));
        if (input.EndTime is null)
            errors.Add(new(nameof(input.EndTime), "Escriba la «Hora de fin» como hh:mm (24 horas), por ejemplo 11:00."));
        if (input.StartTime is { } s && input.EndTime is { } e && e <= s)
            errors.Add(new(nameof(input.EndTime), $"La «Hora de fin» ({e:HH\\:mm}) debe ser posterior a la de inicio ({s:HH\\:mm})."));
        var place = input.Place?.Trim() ?? "";
        var link = input.Link?.Trim() ?? "";
        if (place.Length == 0 && link.Length == 0)
            errors.Add(new(nameof(input.Place), "Escriba el «Lugar» o el «Enlace» de la reunión virtual (o ambos)."));
        if (place.Length > PlaceMax)
            errors.Add(new(nameof(input.Place), $"El «Lugar» admite máximo {PlaceMax} caracteres."));
        if (link.Length > LinkMax)
            errors.Add(new(nameof(input.Link), $"El «Enlace» admite máximo {LinkMax} caracteres."));
        else if (link.Length > 0 && !IsWebLink(link))
            errors.Add(new(nameof(input.Link), "El «Enlace» debe ser una dirección web completa, por ejemplo https://teams.microsoft.com/…"));
        if (input.Audience is null || !Enum.IsDefined(input.Audience.Value))
            errors.Add(new(nameof(input.Audience), "Elija los «Invitados»: evaluadores, evaluados, una dependencia o todos."));
        else if (input.Audience == SessionAudience.Dependency && input.DependencyId is null)
            errors.Add(new(nameof(input.DependencyId), "Elija la «Dependencia» invitada."));
        if ((input.Description?.Trim().Length ?? 0) > DescriptionMax)
            errors.Add(new(nameof(input.Description), $"La «Descripción» admite máximo {DescriptionMax} caracteres."));
        return errors;
    }

    public static bool IsWebLink(string link) =>
        !link.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && Uri.TryCreate(link, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>
    /// The servants invited, from the directory of the period on the session's date: the evaluados and the
    /// evaluators of the period's open evaluations (before the evaluations exist: the eligible servants and
    /// their bosses), the servants of a dependencia and of the dependencias under it, or everyone active.
    /// </summary>
    public static IReadOnlySet<int> ResolveAudience(
        SessionAudience audience,
        int? dependencyId,
        DateOnly date,
        IReadOnlyList<AudienceServant> servants,
        IReadOnlyList<AudienceEvaluation> evaluations,
        IReadOnlyDictionary<int, int?> dependencyParents)
    {
        var active = servants.Where(s => s.RetirementDate is not { } r || r > date).ToDictionary(s => s.Id);
        var open = evaluations.Where(e => !e.Closed).ToList();
        IEnumerable<int> ids = audience switch
        {
            SessionAudience.Everyone => active.Keys,
            SessionAudience.Dependency => active.Values.Where(s => dependencyId is { } d && IsUnder(s.DependencyId, d, dependencyParents)).Select(s => s.Id),
            SessionAudience.Evaluados => open.Count > 0
                ? open.Select(e => e.EvaluadoId)
                : active.Values.Where(s => Eligibility.Of(s.EmploymentType, s.IsPublicManager, s.RetirementDate, date).IsEligible).Select(s => s.Id),
            SessionAudience.Evaluators => open.Count > 0
                ? open.SelectMany(e => e.EvaluatorIds)
                : active.Values.Where(s => Eligibility.Of(s.EmploymentType, s.IsPublicManager, s.RetirementDate, date).IsEligible && s.BossId is not null)
                    .Select(s => s.BossId!.Value),
            _ => [],
        };
        return ids.Where(active.ContainsKey).ToHashSet();
    }

    private static bool IsUnder(int node, int ancestor, IReadOnlyDictionary<int, int?> parents)
    {
        var seen = new HashSet<int>();
        for (int? current = node; current is { } c && seen.Add(c); current = parents.TryGetValue(c, out var p) ? p : null)
            if (c == ancestor) return true;
        return false;
    }
}
