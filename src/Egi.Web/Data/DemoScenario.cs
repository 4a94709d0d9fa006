using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Web.Features.Evaluations;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Data;

/// <summary>
/// Puts the demo period in motion: open, with the goal-setting window around today (so the demo works at any
/// date), every eligible servant with an evaluation, and a few evaluations already advanced by their people.
/// </summary>
public static class DemoScenario
{
    public static async Task ApplyAsync(EgiDbContext db, TimeProvider clock, int year, CancellationToken ct = default)
    {
        var period = await db.Periods.FirstOrDefaultAsync(p => p.Year == year, ct);
        if (period is null || period.Status != PeriodStatus.Preparation) return;

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Infrastructure.CurrentUser.Bogota).DateTime);
        var start = Max(new DateOnly(year, 1, 1), today.AddDays(-30));
        var end = Min(new DateOnly(year + 1, 12, 31), today.AddDays(30));
        if (start < end)
            period.SetWindows(period.Windows.Select(w => w.Stage == Stage.GoalSetting ? w with { Start = start, End = end } : w).ToList());
        period.Open();
        await db.SaveChangesAsync(ct);
        await new EvaluationOpening(db, clock).OpenAllAsync(period, ct);

        var evaluations = await db.Evaluations.Where(e => e.PeriodId == period.Id).ToListAsync(ct);
        var servants = await db.Servants.AsNoTracking().ToDictionaryAsync(s => s.DocumentNumber, ct);
        var users = await db.Users.AsNoTracking().Where(u => u.ServantId != null).ToDictionaryAsync(u => u.ServantId!.Value, ct);

        Actor ActorOf(int servantId) => new(users.TryGetValue(servantId, out var u) ? u.Id : "", servantId,
            servants.Values.First(s => s.Id == servantId).FullName);

        (Evaluation E, EvaluationContext C)? Find(string document)
        {
            if (!servants.TryGetValue(document, out var s)) return null;
            var e = evaluations.FirstOrDefault(x => x.EvaluadoId == s.Id);
            return e is null ? null : (e, new EvaluationContext(today, now.UtcDateTime, period, s.HireDate));
        }

        Goal G(string description, int weight, string evidence, int agreed, int month) => new()
        {
            Description = description,
            Weight = weight,
            ExpectedEvidence = evidence,
            AgreedFirstFollowUpPercent = agreed,
            DueDate = new DateOnly(year, month, DateTime.DaysInMonth(year, month)),
        };

        // Laura Herrera (Planeación): goals sent, waiting for her jefe's approval.
        if (Find("1032412876") is ({ } laura, { } lc))
        {
            var me = ActorOf(laura.EvaluadoId);
            laura.SubmitGoals(me,
            [
                G("Consolidar el plan de acción institucional de la vigencia con las dependencias", 40, "Plan de acción aprobado por el comité", 50, 3),
                G("Elaborar los informes trimestrales de seguimiento al plan estratégico", 35, "Cuatro informes publicados", 50, 12),
                G("Actualizar los indicadores de gestión en el tablero institucional", 25, "Tablero actualizado y acta de revisión", 40, 11),
            ], lc);
        }

        // Daniel Quiroga (Información): goals agreed.
        if (Find("1024567890") is ({ } daniel, { } dc))
        {
            var me = ActorOf(daniel.EvaluadoId);
            var boss = ActorOf(daniel.EvaluatorId);
            daniel.SubmitGoals(me,
            [
                G("Publicar el boletín estadístico mensual del sector", 50, "Doce boletines publicados en el portal", 50, 12),
                G("Depurar la base de datos de proyectos del sector", 30, "Informe de calidad de datos", 60, 9),
                G("Atender las solicitudes de información en los términos de ley", 20, "Reporte del sistema de PQRSD", 50, 12),
            ], dc);
            daniel.ApproveGoals(boss, dc, "De acuerdo con lo conversado.");
            daniel.AcceptGoals(me, dc);
        }

        // Paola Jiménez (Secretaría General): her jefe modified one weight; she must accept or not.
        if (Find("1019087654") is ({ } paola, { } pc))
        {
            var me = ActorOf(paola.EvaluadoId);
            var boss = ActorOf(paola.EvaluatorId);
            paola.SubmitGoals(me,
            [
                G("Gestionar los procesos de contratación de la vigencia", 60, "Expedientes contractuales completos", 50, 12),
                G("Actualizar el normograma de la entidad", 40, "Normograma publicado", 50, 6),
            ], pc);
            var modified = paola.OrderedGoals.Select(g => g.Number == 1 ? g with { Weight = 70 } : g with { Weight = 30 }).ToList();
            paola.ModifyGoals(boss, modified, new Dictionary<string, string>
            {
                [FieldChange.Key(1, nameof(Goal.Weight))] = "La contratación es la prioridad de la dependencia este año.",
                [FieldChange.Key(2, nameof(Goal.Weight))] = "Se ajusta para que la suma siga siendo 100 %.",
            }, pc);
        }
        await db.SaveChangesAsync(ct);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
