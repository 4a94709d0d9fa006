using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Common;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Domain.Improvement;
using Egi.Domain.Process;
using Egi.Domain.Scoring;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Egi.Web.Notifications;
using Egi.Web.Reports;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Improvement;

/// <summary>
/// One person of the candidates list: the rule's reasons and/or the plan recorded for them. <see cref="Edl"/> is the
/// imported EDL result of the period's year (career servants).
/// </summary>
public sealed record Candidate(
    Servant Servant, string Dependency, string Boss, Evaluation? Evaluation, ScoreBreakdown? Score,
    IReadOnlyList<string> RuleReasons, ImprovementPlan? Plan, EdlResult? Edl = null)
{
    public bool RequiredByRule => RuleReasons.Count > 0;
    public bool Excluded => Plan?.Excluded == true;
    public bool Listed => !Excluded && (RequiredByRule || Plan?.AddedManually == true);
    public IReadOnlyList<string> Reasons => Plan is { Reasons.Count: > 0 } p ? p.Reasons : RuleReasons;
}

/// <summary>
/// Activities 18–20 around the plans: who requires one in a period (<see cref="ImprovementRule"/> over the finished
/// evaluations, <see cref="EdlRules"/> over the EDL results of career servants of the period's year, plus Talento
/// Humano's inclusions and exclusions), sending the format by e-mail with its .xlsx, and
/// reminders for late plans (recorded as <see cref="ReminderRecord"/>).
/// </summary>
public sealed class ImprovementService(EgiDbContext db, Notifier notifier, EmailTemplates templates, TimeProvider clock)
{
    private static readonly CultureInfo Es = ServiceRegistration.Culture;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static string PlanUrl(long id) => $"/Improvement/Plan/{id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Who requires a plan in a period, as ids the database selects (no evaluation is read whole): the finished evaluations
    /// the rule requires (<see cref="ImprovementRule.RequiresPlan"/>, over the facts stored with them), the career servants
    /// whose EDL result of the year requires one (<see cref="EdlRules.Below"/>), and those Talento Humano added; never those
    /// Talento Humano removed.
    /// </summary>
    public IQueryable<int> ListedIds(Period period)
    {
        var types = EdlRules.ApplicableTypes.ToList();
        var byRule = db.Evaluations.Where(e => e.PeriodId == period.Id).Where(ImprovementRule.RequiresPlan(period.Settings)).Select(e => e.EvaluadoId);
        var byEdl = db.Set<EdlResult>().Where(r => r.Year == period.Year).Where(EdlRules.Below(period.Settings))
            .Join(db.Servants.Where(s => types.Contains(s.EmploymentType)), r => r.ServantId, s => s.Id, (r, s) => r.ServantId);
        var plans = db.Set<ImprovementPlan>().Where(p => p.PeriodId == period.Id);
        var added = plans.Where(p => p.AddedManually && !p.Excluded).Select(p => p.ServantId);
        var removed = plans.Where(p => p.Excluded).Select(p => p.ServantId);
        return byRule.Union(byEdl).Union(added).Where(id => !removed.Contains(id));
    }

    /// <summary>Of <paramref name="listed"/>, those whose format was not sent yet (no plan, or a plan still «Requerido»).</summary>
    public IQueryable<int> PendingFormatIds(Period period, IQueryable<int> listed) =>
        listed.Where(id => !db.Set<ImprovementPlan>().Any(p => p.PeriodId == period.Id && p.ServantId == id && p.Status != PlanStatus.Required));

    /// <summary>
    /// The candidates <paramref name="ids"/> of a period, each with its finished evaluation, its plan (tracked: the page
    /// and the sending change it), its EDL result and its jefe, in the order given: a fixed number of queries for any
    /// number of people, and only theirs.
    /// </summary>
    public Task<IReadOnlyList<Candidate>> CandidatesOfAsync(Period period, IEnumerable<int> ids, CancellationToken ct = default) =>
        CandidatesOfAsync(db, period, ids, ct);

    private static async Task<IReadOnlyList<Candidate>> CandidatesOfAsync(EgiDbContext db, Period period, IEnumerable<int> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0) return [];
        var evaluations = (await db.Evaluations.AsNoTracking()
                .Where(e => e.PeriodId == period.Id && e.State == EvaluationState.Finalized && list.Contains(e.EvaluadoId)).ToListAsync(ct))
            .GroupBy(e => e.EvaluadoId).ToDictionary(g => g.Key, g => g.First());
        var plans = (await db.Set<ImprovementPlan>().Where(p => p.PeriodId == period.Id && list.Contains(p.ServantId)).ToListAsync(ct))
            .GroupBy(p => p.ServantId).ToDictionary(g => g.Key, g => g.First());
        var edl = await db.Set<EdlResult>().AsNoTracking().Where(r => r.Year == period.Year && list.Contains(r.ServantId)).ToDictionaryAsync(r => r.ServantId, ct);
        var people = await db.Servants.AsNoTracking().Where(s => list.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var bossIds = list.Select(id => plans.GetValueOrDefault(id)?.EvaluatorId ?? evaluations.GetValueOrDefault(id)?.EvaluatorId ?? people.GetValueOrDefault(id)?.BossId)
            .OfType<int>().Where(b => !people.ContainsKey(b)).Distinct().ToList();
        if (bossIds.Count > 0)
            foreach (var boss in await db.Servants.AsNoTracking().Where(s => bossIds.Contains(s.Id)).ToListAsync(ct)) people[boss.Id] = boss;
        var dependencyIds = people.Values.Select(s => s.DependencyId).Distinct().ToList();
        var dependencies = await db.Dependencies.AsNoTracking().Where(d => dependencyIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var policy = new ScoringPolicy(period.Settings);
        return list.Where(people.ContainsKey)
            .Select(id => CandidateOf(period, policy, people[id], dependencies, people, evaluations.GetValueOrDefault(id), plans.GetValueOrDefault(id), edl.GetValueOrDefault(id)))
            .ToList();
    }

    /// <summary>The rule's reasons for one person: the final level and low competencies of the evaluation, and the EDL of a career servant.</summary>
    private static Candidate CandidateOf(Period period, ScoringPolicy policy, Servant s, IReadOnlyDictionary<int, string> dependencies,
        IReadOnlyDictionary<int, Servant> people, Evaluation? e, ImprovementPlan? plan, EdlResult? edl)
    {
        var score = e is { State: EvaluationState.Finalized, Competencies.Count: > 0 } ? policy.Score(e) : null;
        var reasons = score is null ? [] : ImprovementRule.Assess(score.Final, e!.Competencies, period.Settings).Select(r => r.Text).ToList();
        if (edl is not null && EdlRules.Reason(s.EmploymentType, edl.Level, edl.Score, period.Settings) is { } edlReason) reasons.Add(edlReason);
        var bossId = plan?.EvaluatorId ?? e?.EvaluatorId ?? s.BossId;
        var boss = bossId is { } b && people.TryGetValue(b, out var bs) ? bs.FullName : "";
        return new Candidate(s, dependencies.GetValueOrDefault(s.DependencyId, ""), boss, e, score, reasons, plan, edl);
    }

    /// <summary>
    /// Activity 20's record: the formato de mejoramiento individual of each plan as it stands (the person's data and low
    /// results, and the aspects agreed so far), to attach to its reminders as activity 18's e-mail does. A fixed number of
    /// queries for any number of plans.
    /// </summary>
    public static async Task<IReadOnlyDictionary<long, MailAttachment>> FormatAttachmentsAsync(EgiDbContext db, EmailTemplates templates, Period period,
        IReadOnlyCollection<ImprovementPlan> plans, CancellationToken ct)
    {
        var candidates = (await CandidatesOfAsync(db, period, plans.Select(p => p.ServantId), ct)).ToDictionary(c => c.Servant.Id);
        var formats = new Dictionary<long, MailAttachment>();
        foreach (var plan in plans)
        {
            if (!candidates.TryGetValue(plan.ServantId, out var c)) continue;
            var data = FormatDataOf(period, c, templates.Url(PlanUrl(plan.Id))) with { Aspects = plan.Aspects };
            formats[plan.Id] = new MailAttachment(ImprovementFormat.FileName(data), XlsxWorkbook.ContentType, ImprovementFormat.Write(data));
        }
        return formats;
    }

    /// <summary>The servants <paramref name="plans"/> name (each servant and jefe) and their accounts: only theirs, not the directory.</summary>
    private async Task<(Dictionary<int, Servant> Servants, Dictionary<int, string> Users)> PeopleOfAsync(IReadOnlyCollection<ImprovementPlan> plans, CancellationToken ct)
    {
        var ids = plans.Select(p => p.ServantId).Concat(plans.Where(p => p.EvaluatorId != null).Select(p => p.EvaluatorId!.Value)).Distinct().ToList();
        var servants = await db.Servants.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var users = await db.Users.AsNoTracking().Where(u => u.ServantId != null && ids.Contains(u.ServantId.Value)).ToDictionaryAsync(u => u.ServantId!.Value, u => u.Id, ct);
        return (servants, users);
    }

    /// <summary>
    /// A servant with a finished evaluation, or a career servant with an EDL result of the year, who is not listed: whom
    /// Talento Humano may add (again, when they had been removed).
    /// </summary>
    public static bool CanBeAdded(Candidate c) =>
        !c.Listed && (c.Evaluation is not null || (c.Edl is not null && EdlRules.AppliesTo(c.Servant.EmploymentType)));

    /// <summary>
    /// The plan of a candidate, created (status Requerido) and added to the context when there is none yet; null with the
    /// reason when it cannot be created (its period is closed).
    /// </summary>
    public (ImprovementPlan? Plan, Outcome Outcome) PlanFor(Period period, Candidate c)
    {
        if (c.Plan is { } p) return (p, Outcome.Ok);
        var (plan, outcome) = ImprovementPlan.Create(period, c.Servant.Id, c.Evaluation?.Id, c.Evaluation?.EvaluatorId ?? c.Servant.BossId, c.RuleReasons, Now);
        if (plan is not null) db.Set<ImprovementPlan>().Add(plan);
        return (plan, outcome);
    }

    /// <summary>
    /// Activity 18: for every listed person whose format has not been sent, creates the plan, e-mails the servant and the
    /// jefe the pre-filled .xlsx with a link to fill it online, and marks the plan «Formato enviado». One transaction.
    /// Returns how many formats were sent (a plan whose step is closed, outside the stage's window, is not).
    /// </summary>
    public async Task<int> SendFormatsAsync(Period period, PlanActor actor, CancellationToken ct = default)
    {
        var pending = await PendingFormatIds(period, ListedIds(period)).ToListAsync(ct);
        var candidates = (await CandidatesOfAsync(period, pending, ct)).Where(c => c.Listed && (c.Plan is null || c.Plan.Status == PlanStatus.Required)).ToList();
        if (candidates.Count == 0) return 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Each plan marked first (the domain refuses a step outside the stage's window): a plan created for a format it
        // refused is not kept, so no person is left «Requerido» by a sending that did not happen.
        var plans = new List<(Candidate Candidate, ImprovementPlan Plan)>();
        foreach (var c in candidates)
        {
            if (PlanFor(period, c).Plan is not { } plan) continue;
            if (plan.MarkFormatSent(period, actor, Now).Succeeded) plans.Add((c, plan));
            else if (c.Plan is null) db.Set<ImprovementPlan>().Remove(plan);
        }
        if (plans.Count == 0) return 0;
        await db.SaveChangesAsync(ct); // the plans get their ids for the links
        var (servants, users) = await PeopleOfAsync(plans.Select(x => x.Plan).ToList(), ct);
        foreach (var (c, plan) in plans)
        {
            var link = templates.Url(PlanUrl(plan.Id));
            var data = FormatDataOf(period, c, link);
            var attachment = new MailAttachment(ImprovementFormat.FileName(data), XlsxWorkbook.ContentType, ImprovementFormat.Write(data));
            var recipients = new List<(Servant Who, string Role)> { (c.Servant, "servidor") };
            if (plan.EvaluatorId is { } bossId && servants.TryGetValue(bossId, out var boss)) recipients.Add((boss, "jefe"));
            foreach (var (who, role) in recipients)
            {
                var email = templates.ImprovementFormat(who.FullName, role == "jefe", c.Servant.FullName, period.Name, plan.Reasons, link);
                await notifier.QueueAsync(new Recipient(who.Email, who.FullName, users.GetValueOrDefault(who.Id)), email, MailKind.ImprovementFormat,
                    deduplicationKey: $"mejora-formato:{plan.Id}:{who.Id}", attachments: [attachment], ct: ct);
            }
            db.Audit("Enviar formato", "Plan de mejoramiento", plan.Id.ToString(CultureInfo.InvariantCulture),
                $"Formato de mejoramiento individual enviado a {string.Join(" y ", recipients.Select(r => r.Who.FullName))} ({period.Name}).");
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return plans.Count;
    }

    public static FormatData FormatDataOf(Period period, Candidate c, string link)
    {
        var low = new List<LowResult>();
        if (c.Score is { } score && c.RuleReasons.Any(r => r.StartsWith("Nivel", StringComparison.Ordinal)))
            low.Add(new("Nivel", $"Calificación final de la evaluación", $"{score.Final.ToString("0.00", Es)} ({score.LevelLabel})"));
        if (c.Evaluation is { } e)
        {
            foreach (var r in e.Competencies.Where(r => r.Value < period.Settings.ImprovementCompetencyBelow).OrderBy(r => r.Value))
                low.Add(new("Competencia", r.Competency, ScaleLabel(period.Settings, r.Value)));
            var second = e.ProgressOf(2).ToDictionary(p => p.GoalNumber, p => p.AchievedPercent);
            foreach (var g in e.OrderedGoals.Where(g => second.GetValueOrDefault(g.Number) < 100))
                low.Add(new("Meta", $"Meta {g.Number}: {g.Description}", $"{second.GetValueOrDefault(g.Number)} % cumplido"));
        }
        if (c.Edl is { } edl && EdlRules.AppliesTo(c.Servant.EmploymentType))
            low.Add(new("EDL", $"Evaluación de desempeño laboral {edl.Year.ToString(CultureInfo.InvariantCulture)}", edl.Describe()));
        if (c.Plan?.AddedManually == true) low.Add(new("Inclusión", "Incluido por Talento Humano", c.Plan.ManualReason ?? ""));
        var dependency = c.Dependency;
        var job = c.Servant.Job;
        return new FormatData(c.Servant.FullName, c.Servant.DocumentNumber, job, dependency, c.Boss, period.Name,
            c.Score?.Final, c.Score?.LevelLabel ?? "Sin calificación", low, link, c.Edl?.Describe());
    }

    /// <summary>
    /// Activity 20: reminds the jefe and the servant of each given plan that is late (an aspect past its end date below
    /// 100 %, or not agreed yet), with the person's formato de mejoramiento individual attached (the procedure's record:
    /// «Correo electrónico con formato de mejoramiento individual adjunto»); one <see cref="ReminderRecord"/> per e-mail.
    /// Not a plan closed or removed, nor one whose steps are closed (outside the stage's window, not reopened for the
    /// person): nobody is reminded of a step they cannot take. Returns how many e-mails were queued.
    /// </summary>
    public async Task<int> RemindAsync(Period period, IReadOnlyCollection<long> planIds, string sentBy, DateOnly today, CancellationToken ct = default)
    {
        var plans = await db.Set<ImprovementPlan>().Where(p => p.PeriodId == period.Id && planIds.Contains(p.Id)).ToListAsync(ct);
        var (servants, users) = await PeopleOfAsync(plans, ct);
        var open = plans.Where(p => p.CanBeReminded(period, today)).ToList();
        var formats = await FormatAttachmentsAsync(db, templates, period, open, ct);
        var sent = 0;
        foreach (var plan in open)
        {
            if (!servants.TryGetValue(plan.ServantId, out var servant)) continue;
            var overdue = plan.OverdueAspects(today);
            var recipients = new List<(Servant Who, ReminderRole Role)> { (servant, ReminderRole.Evaluado) };
            if (plan.EvaluatorId is { } b && servants.TryGetValue(b, out var boss)) recipients.Add((boss, ReminderRole.Evaluator));
            foreach (var (who, role) in recipients)
            {
                var email = templates.ImprovementReminder(who.FullName, role == ReminderRole.Evaluator, servant.FullName, period.Name, overdue.Count, plan.Progress,
                    plan.Status.Label(), templates.Url(PlanUrl(plan.Id)));
                await notifier.QueueAsync(new Recipient(who.Email, who.FullName, users.GetValueOrDefault(who.Id)), email, MailKind.ImprovementReminder,
                    attachments: formats.TryGetValue(plan.Id, out var format) ? [format] : null, ct: ct);
                db.Set<ReminderRecord>().Add(ReminderRecord.ForImprovementPlan(period.Id, plan.Id, ReminderOrigin.Manual,
                    new ReminderRecipient(who.Id, who.FullName, who.Email, role), sentBy, email.Subject, Now));
                sent++;
            }
        }
        if (sent > 0)
        {
            db.Audit("Recordar", "Plan de mejoramiento", period.Id.ToString(CultureInfo.InvariantCulture),
                $"Recordatorios de planes de mejoramiento ({period.Name}): {sent} correo(s).");
            await db.SaveChangesAsync(ct);
        }
        return sent;
    }

    private static string ScaleLabel(PeriodSettings s, int value) =>
        s.CompetencyScale.FirstOrDefault(l => l.Value == value) is { } l ? $"{l.Label} ({value})" : value.ToString(CultureInfo.InvariantCulture);
}
