using Egi.Domain.Calendar;
using Egi.Domain.Common;
using Egi.Domain.Evaluations;
using Egi.Web.Features.Evaluations;
using Egi.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Data;

/// <summary>
/// Puts the demo period in motion: open, with the windows of every evaluation step around today (so the whole year
/// can be walked at any date), every eligible servant with an evaluation, and a few evaluations already advanced by
/// their people so that each step of the year has somebody in it.
/// </summary>
public static class DemoScenario
{
    public static async Task ApplyAsync(EgiDbContext db, TimeProvider clock, int year, CancellationToken ct = default)
    {
        var period = await db.Periods.FirstOrDefaultAsync(p => p.Year == year, ct);
        if (period is null || period.Status != PeriodStatus.Preparation) return;

        var now = clock.GetUtcNow();
        var today = BogotaTime.Day(now);
        var start = Max(new DateOnly(year, 1, 1), today.AddDays(-30));
        var end = Min(new DateOnly(year + 1, 12, 31), today.AddDays(30));
        // Every evaluation step (goals, both follow-ups, competencies, final acceptance) open around today, so a person
        // can take a servant through the whole year in one sitting; the improvement plans' from the same day to their end.
        if (start < end)
            period.SetWindows(period.Windows
                .Select(w => w.Stage switch
                {
                    Stage.GoalSetting or Stage.FirstFollowUp or Stage.SecondFollowUp => w with { Start = start, End = end },
                    Stage.Improvement => w with { Start = start, End = Max(w.End, end) },
                    _ => w,
                })
                .ToList());
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
        // Felipe Navarro's other evaluados, one at each later step of the year (activities 8–14), so that a person can
        // jump ahead. Each step runs through the domain as its people would; a refused step just leaves it earlier.
        static bool Steps(params Func<Outcome>[] steps) => steps.All(step => step().Succeeded);

        static List<GoalProgress> Progress(int followUp, params (int Percent, string Narrative)[] rows) =>
            rows.Select((r, i) => new GoalProgress { FollowUp = followUp, GoalNumber = i + 1, AchievedPercent = r.Percent, Narrative = r.Narrative }).ToList();

        (Evaluation E, EvaluationContext C, Actor Me, Actor Boss)? Agreed(string document, params Goal[] goals)
        {
            if (Find(document) is not ({ } e, { } c)) return null;
            var me = ActorOf(e.EvaluadoId);
            var boss = ActorOf(e.EvaluatorId);
            return Steps(() => e.SubmitGoals(me, goals, c), () => e.ApproveGoals(boss, c), () => e.AcceptGoals(me, c)) ? (e, c, me, boss) : null;
        }

        // Santiago Bermúdez: goals agreed; his Autoevaluación I is next.
        Agreed("1026345678",
            G("Publicar el informe mensual de demanda de energía eléctrica", 50, "Doce informes publicados en el portal", 50, 12),
            G("Actualizar el modelo de proyección de demanda", 30, "Modelo documentado y validado", 40, 10),
            G("Atender las consultas técnicas del sector en los términos de ley", 20, "Reporte del sistema de PQRSD", 50, 12));

        // Ana María Vélez: sent her Autoevaluación I with a link as evidence; Felipe must approve, reject or modify it.
        const string actas = "https://intranet.egi-demo.gov.co/actas/mesas-tecnicas";
        if (Agreed("1016789012",
                G("Asesorar la formulación de la política de transición energética", 60, "Documento técnico de soporte", 40, 11),
                G("Acompañar las mesas técnicas con los gremios del sector", 40, "Actas de las mesas", 50, 12)) is ({ } ana, { } ac, { } anaMe, _)
            && EvidenceItem.Link(2, actas, anaMe.Name, now.UtcDateTime) is var link
            && Steps(() => ana.AttachEvidence(anaMe, link, ac), () => ana.SubmitSelfEvaluation(anaMe, 1, Progress(1,
                (45, "Se entregó el primer borrador del documento técnico a la Subdirección."),
                (50, "Se realizaron tres de las seis mesas técnicas previstas.")), ac)))
        {
            link.MarkSentWith(ana.Versions[^1].Sequence); // sent with her self-evaluation I
        }

        // Brayan Guzmán: first follow-up approved and accepted; his Autoevaluación II is next.
        if (Agreed("1031234567",
                G("Mantener actualizado el inventario de proyectos de generación", 70, "Inventario publicado cada trimestre", 50, 12),
                G("Apoyar la logística de las audiencias públicas", 30, "Listas de asistencia", 50, 12)) is ({ } brayan, { } bc, { } brayanMe, { } brayanBoss))
        {
            Steps(
                () => brayan.SubmitSelfEvaluation(brayanMe, 1, Progress(1,
                    (50, "Inventario actualizado en marzo y junio."),
                    (40, "Apoyo en dos audiencias públicas.")), bc),
                () => brayan.ApproveSelfEvaluation(brayanBoss, 1, bc, "Avance conforme a lo pactado."),
                () => brayan.AcceptSelfEvaluation(brayanMe, bc));
        }

        // Adriana Forero: both follow-ups approved; Felipe must rate her competencies, then she accepts the final result.
        if (Agreed("53123456",
                G("Coordinar el plan de trabajo del grupo de energía renovable", 50, "Plan ejecutado y su informe", 50, 12),
                G("Publicar el boletín de fuentes no convencionales", 30, "Boletines publicados", 50, 12),
                G("Formar al equipo en la nueva metodología de proyección", 20, "Listas de asistencia y evaluación", 50, 9)) is ({ } adriana, { } adc, { } adrianaMe, { } adrianaBoss))
        {
            Steps(
                () => adriana.SubmitSelfEvaluation(adrianaMe, 1, Progress(1,
                    (50, "Primer semestre del plan ejecutado."), (50, "Seis boletines publicados."), (60, "Dos de las tres sesiones de formación.")), adc),
                () => adriana.ApproveSelfEvaluation(adrianaBoss, 1, adc),
                () => adriana.AcceptSelfEvaluation(adrianaMe, adc),
                () => adriana.SubmitSelfEvaluation(adrianaMe, 2, Progress(2,
                    (95, "Plan ejecutado; falta el informe final."), (100, "Doce boletines publicados."), (100, "Formación terminada y evaluada.")), adc),
                () => adriana.ApproveSelfEvaluation(adrianaBoss, 2, adc, "Muy buen año."));
        }
        await db.SaveChangesAsync(ct);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
