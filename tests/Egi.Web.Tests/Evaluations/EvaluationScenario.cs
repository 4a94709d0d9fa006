using Egi.Domain.Calendar;
using Egi.Domain.Common;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Web.Features.Evaluations;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Evaluations;

/// <summary>
/// The shared starting point of the evaluation tests: the demo period 2026 open, its goal window moved to
/// 01/11–15/12/2026 so that it includes the test clock's today (24/11/2026), and every eligible servant's
/// evaluation opened (in «Formulación de metas»). Helpers find an evaluation by the evaluado's document and
/// move it through the domain as its evaluado or evaluator, so a test starts at the step it is about.
/// </summary>
/// <example>
/// var scenario = await EvaluationScenario.OpenAsync(app);
/// var id = await scenario.EvaluationIdAsync(EvaluationScenario.Camila);
/// await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(50, 50), p.Context));
/// </example>
public sealed class EvaluationScenario
{
    /// <summary>Camila Salazar (servant 21, <see cref="Accounts.Evaluado"/>): evaluada of Felipe Navarro.</summary>
    public const string Camila = "1022345987";

    /// <summary>Santiago Bermúdez (servant 20): another evaluado of Felipe Navarro.</summary>
    public const string Santiago = "1026345678";

    /// <summary>Laura Herrera (servant 6): evaluada of Carlos Suárez (<see cref="Accounts.Planeacion"/>).</summary>
    public const string Laura = "1032412876";

    /// <summary>Felipe Navarro (servant 18, <see cref="Accounts.Jefe"/>): Subdirector de Energía.</summary>
    public const string Felipe = "80123987";

    /// <summary>Carlos Suárez (servant 5, <see cref="Accounts.Planeacion"/>): jefe de la Oficina de Planeación.</summary>
    public const string Carlos = "80234561";

    /// <summary>Today in Bogotá on the application's clock (24/11/2026 unless the test moves the clock).</summary>
    public DateOnly Today => BogotaTime.Day(app.Clock.GetUtcNow());

    private readonly EgiAppFactory app;

    private EvaluationScenario(EgiAppFactory app, int periodId)
    {
        this.app = app;
        PeriodId = periodId;
    }

    public int PeriodId { get; }

    /// <summary>
    /// Opens the demo period 2026 with the goal window around today (and the improvement plans' from 01/11/2026, so the
    /// plans of the evaluations these tests finish can be worked) and opens every evaluation.
    /// </summary>
    public static async Task<EvaluationScenario> OpenAsync(EgiAppFactory app)
    {
        var periodId = await app.WithDbAsync(async d =>
        {
            var p = await d.Periods.SingleAsync(x => x.Year == 2026);
            Assert.Empty(p.SetWindows(p.Windows.Select(w => w.Stage switch
            {
                Stage.GoalSetting => w with { Start = new(2026, 11, 1), End = new(2026, 12, 15) },
                Stage.Improvement => w with { Start = new(2026, 11, 1) },
                _ => w,
            }).ToList()));
            p.Open();
            await d.SaveChangesAsync();
            await new EvaluationOpening(d, app.Clock).OpenAllAsync(p);
            return p.Id;
        });
        return new EvaluationScenario(app, periodId);
    }

    public Task<int> ServantIdAsync(string document) =>
        app.WithDbAsync(d => d.Servants.Where(s => s.DocumentNumber == document).Select(s => s.Id).SingleAsync());

    /// <summary>The id of the evaluation of the servant with <paramref name="document"/> in the period.</summary>
    public Task<int> EvaluationIdAsync(string document) =>
        app.WithDbAsync(async d =>
        {
            var servantId = await d.Servants.Where(s => s.DocumentNumber == document).Select(s => s.Id).SingleAsync();
            return await d.Evaluations.Where(e => e.PeriodId == PeriodId && e.EvaluadoId == servantId).Select(e => e.Id).SingleAsync();
        });

    /// <summary>The evaluation as the database has it now.</summary>
    public async Task<Evaluation> EvaluationAsync(string document)
    {
        var id = await EvaluationIdAsync(document);
        return await app.WithDbAsync(d => d.Evaluations.AsNoTracking().SingleAsync(e => e.Id == id));
    }

    /// <summary>
    /// Runs one domain transition on the evaluation of <paramref name="document"/> and saves it; fails the test when
    /// the domain refuses. <see cref="Parties"/> gives the evaluado, the current evaluator and today's context.
    /// </summary>
    public async Task ActAsync(string document, Func<Evaluation, Parties, Outcome> transition)
    {
        var outcome = await TryActAsync(document, transition);
        Assert.True(outcome.Succeeded, $"The domain refused the set-up step: {outcome}");
    }

    /// <summary>
    /// Like <see cref="ActAsync"/> but returns the domain's outcome instead of failing the test when it refuses
    /// (for asserting refusals); saves only when the transition succeeded.
    /// </summary>
    public async Task<Outcome> TryActAsync(string document, Func<Evaluation, Parties, Outcome> transition)
    {
        var id = await EvaluationIdAsync(document);
        return await app.WithDbAsync(async d =>
        {
            var e = await d.Evaluations.SingleAsync(x => x.Id == id);
            var period = await d.Periods.AsNoTracking().SingleAsync(p => p.Id == e.PeriodId);
            var evaluado = await d.Servants.AsNoTracking().SingleAsync(s => s.Id == e.EvaluadoId);
            var evaluator = await d.Servants.AsNoTracking().SingleAsync(s => s.Id == e.EvaluatorId);
            async Task<Actor> ActorOf(Servant s) =>
                new(await d.Users.Where(u => u.ServantId == s.Id).Select(u => u.Id).SingleAsync(), s.Id, s.FullName);
            var context = new EvaluationContext(Today, app.Clock.GetUtcNow().UtcDateTime, period, evaluado.HireDate);
            var outcome = transition(e, new Parties(await ActorOf(evaluado), await ActorOf(evaluator), context));
            if (outcome.Succeeded) await d.SaveChangesAsync();
            return outcome;
        });
    }

    /// <summary>
    /// Adds <paramref name="count"/> provisional profesionales under Felipe Navarro (the demo jefe, in his dependencia),
    /// documents from <paramref name="firstDocument"/>, and opens their evaluations; returns Felipe's servant id.
    /// </summary>
    public async Task<int> AddEvaluadosAsync(int count, string lastNames, int firstDocument, string emailPrefix)
    {
        var felipe = await ServantIdAsync(Felipe);
        await app.WithDbAsync(async d =>
        {
            var boss = await d.Servants.AsNoTracking().SingleAsync(s => s.Id == felipe);
            for (var i = 0; i < count; i++)
            {
                d.Servants.Add(NewServants.Of((firstDocument + i).ToString(System.Globalization.CultureInfo.InvariantCulture), boss.DependencyId,
                    bossId: felipe, firstNames: $"Persona {i}", lastNames: lastNames, email: $"{emailPrefix}{i}@egi-demo.gov.co"));
            }
            await d.SaveChangesAsync();
            var period = await d.Periods.SingleAsync(p => p.Id == PeriodId);
            await new EvaluationOpening(d, app.Clock).OpenAllAsync(period);
        });
        return felipe;
    }

    /// <summary>Complete, valid goals with the given weights (one goal per weight), due within the period.</summary>
    public static List<Goal> Goals(params int[] weights) =>
        weights.Select((w, i) => new Goal
        {
            Number = i + 1,
            Description = $"Meta de prueba {i + 1}: elaborar el informe {i + 1} del año",
            Weight = w,
            ExpectedEvidence = $"Informe {i + 1} publicado",
            AgreedFirstFollowUpPercent = 40,
            DueDate = new DateOnly(2026, 12, 10),
        }).ToList();

    /// <summary>Who acts in <see cref="ActAsync"/>: the evaluado, the current evaluator, and today's context.</summary>
    public sealed record Parties(Actor Evaluado, Actor Evaluator, EvaluationContext Context);
}
