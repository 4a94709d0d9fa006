using Egi.Domain.Calendar;
using Egi.Domain.Competencies;
using Egi.Domain.Evaluations;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Data;

/// <summary>
/// The demo's history: the previous year's period (e.g. Vigencia 2025), closed, with the evaluation of every servant
/// who was eligible then taken through the domain's transitions to «Finalizada» — plausible goals, progress and
/// competency ratings, so that the dashboard, the annual report and the improvement plans have mixed results
/// (mostly Sobresaliente, some Satisfactorio, a few No satisfactorio, a couple with a competency below Frecuentemente).
/// Each step happens on a day inside its window. Idempotent: nothing is done when that period already exists.
/// </summary>
public static class DemoHistory
{
    /// <summary>Achieved % at the second follow-up for goals 1–3, and the competency profile.</summary>
    private sealed record Profile(int[] Achieved, int Rating, bool OneLow);

    // Deterministic variety: the n-th servant gets Profiles[n % 10].
    private static readonly Profile[] Profiles =
    [
        new([100, 95, 100], 4, false),
        new([95, 90, 100], 4, false),
        new([90, 85, 80], 3, false),
        new([100, 100, 90], 4, false),
        new([80, 75, 70], 3, false),
        new([55, 60, 50], 3, true),
        new([100, 95, 95], 4, true),
        new([85, 80, 90], 3, false),
        new([100, 100, 100], 4, false),
        new([70, 75, 80], 3, true),
    ];

    private static readonly (string Description, string Evidence)[] GoalPool =
    [
        ("Elaborar los informes trimestrales de gestión de la dependencia", "Cuatro informes radicados"),
        ("Actualizar los procedimientos a cargo en el sistema de gestión de calidad", "Procedimientos publicados"),
        ("Atender las solicitudes ciudadanas asignadas dentro de los términos de ley", "Reporte del sistema de PQRSD"),
        ("Ejecutar el plan de acción de la dependencia en los plazos previstos", "Informe de seguimiento al plan de acción"),
        ("Depurar y documentar la información de los proyectos del sector", "Base de datos depurada e informe de calidad"),
        ("Apoyar la formulación del plan estratégico institucional", "Actas de las mesas de trabajo"),
        ("Gestionar los procesos contractuales asignados", "Expedientes contractuales completos"),
        ("Publicar los boletines y documentos técnicos programados", "Documentos publicados en el portal"),
    ];

    private static readonly int[] Weights = [40, 35, 25];

    public static async Task ApplyAsync(EgiDbContext db, int currentYear, CancellationToken ct = default)
    {
        var year = currentYear - 1;
        if (await db.Periods.AnyAsync(p => p.Year == year, ct)) return;

        var period = Period.CreateWithDefaults(year);
        period.Open();
        db.Periods.Add(period);
        await db.SaveChangesAsync(ct);

        var endOfYear = new DateOnly(year, 12, 31);
        var servants = await db.Servants.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        var byId = servants.ToDictionary(s => s.Id);
        var users = await db.Users.AsNoTracking().Where(u => u.ServantId != null).Select(u => new { u.Id, u.ServantId }).ToListAsync(ct);
        var userOf = users.GroupBy(u => u.ServantId!.Value).ToDictionary(g => g.Key, g => g.First().Id);
        var catalogue = CompetencyCatalogue.Default();

        Actor ActorOf(int id) => new(userOf.GetValueOrDefault(id) ?? $"demo-{id}", id, byId[id].FullName);

        EvaluationContext On(DateOnly day, DateOnly hire) => new(day, day.ToDateTime(new TimeOnly(15, 0), DateTimeKind.Utc), period, hire);

        var n = 0;
        foreach (var s in servants)
        {
            if (s.HireDate > new DateOnly(year, 9, 30) || !s.EligibilityOn(endOfYear).IsEligible) continue;
            if (s.BossId is not { } bossId || bossId == s.Id || !byId.TryGetValue(bossId, out var boss) || boss.IsRetired(endOfYear)) continue;
            var applicable = catalogue.Applicable(s.Level, s.HasStaff);
            if (applicable.Count == 0) continue;

            var profile = Profiles[n % Profiles.Length];
            var e = Evaluation.Open(period.Id, s.Id, bossId, new DateTime(year, 1, 15, 14, 0, 0, DateTimeKind.Utc));
            var me = ActorOf(s.Id);
            var jefe = ActorOf(bossId);
            var goals = Weights.Select((w, i) =>
            {
                var (description, evidence) = GoalPool[(n + i) % GoalPool.Length];
                return new Goal
                {
                    Number = i + 1,
                    Description = description,
                    Weight = w,
                    ExpectedEvidence = evidence,
                    AgreedFirstFollowUpPercent = 50,
                    DueDate = new DateOnly(year, 12, 15),
                };
            }).ToList();

            var goalDay = On(new DateOnly(year, 2, 16 + (n % 10)), s.HireDate);
            var firstDay = On(new DateOnly(year, 6, 10 + (n % 10)), s.HireDate);
            var secondDay = On(new DateOnly(year + 1, 2, 9 + (n % 10)), s.HireDate);
            List<GoalProgress> Progress(int followUp) => goals.Select((g, i) => new GoalProgress
            {
                FollowUp = followUp,
                GoalNumber = g.Number,
                AchievedPercent = followUp == 1 ? Math.Min(50, profile.Achieved[i] / 2) : profile.Achieved[i],
                Narrative = followUp == 1
                    ? "Avance del primer semestre según el cronograma, con los soportes en la carpeta de la dependencia."
                    : "Resultado del año con los soportes registrados como evidencia.",
            }).ToList();
            var ratings = applicable.Select((c, i) => new CompetencyScore
            {
                Competency = c,
                Value = profile.OneLow && i == 1 ? 2 : profile.Rating == 3 && i % 3 == 0 ? 4 : profile.Rating,
            }).ToList();

            var steps = new Func<Egi.Domain.Common.Outcome>[]
            {
                () => e.SubmitGoals(me, goals, goalDay),
                () => e.ApproveGoals(jefe, goalDay, "Metas acordes con el plan de acción."),
                () => e.AcceptGoals(me, goalDay),
                () => e.SubmitSelfEvaluation(me, 1, Progress(1), firstDay),
                () => e.ApproveSelfEvaluation(jefe, 1, firstDay),
                () => e.AcceptSelfEvaluation(me, firstDay),
                () => e.SubmitSelfEvaluation(me, 2, Progress(2), secondDay),
                () => e.ApproveSelfEvaluation(jefe, 2, secondDay),
                () => e.RateCompetencies(jefe, ratings, applicable, secondDay),
                () => e.AcceptFinal(me, secondDay),
            };
            if (steps.All(step => step().Succeeded))
            {
                db.Evaluations.Add(e);
                n++;
            }
        }
        period.Close();
        await db.SaveChangesAsync(ct);
    }
}
