using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Egi.Domain.Competencies;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using Egi.Web.Infrastructure;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Egi.Web.Tests.Evaluations;

/// <summary>
/// The «Calificación» section of the evaluation page (first follow-up score, then the full breakdown) and the
/// printable result sheet /Evaluations/Result/{id} of a finished evaluation, with the numbers of <see cref="ScoringPolicy"/>.
/// </summary>
public abstract class ResultPagesTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;
    private const string Camila = EvaluationScenario.Camila;
    private static readonly CultureInfo EsCo = CultureInfo.GetCultureInfo("es-CO");
    private const string Legend = "Esta calificación no otorga derechos de carrera administrativa.";

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string DetailsPage(int id) => $"/Evaluations/Details/{id}";
    private static string ResultPage(int id) => $"/Evaluations/Result/{id}";
    private static string N(decimal value) => value.ToString("0.00", EsCo);

    /// <summary>Siempre (4) everywhere except «Trabajo en equipo» Frecuentemente (3), rated with the domain.</summary>
    private async Task RateCompetenciesAsync()
    {
        var applicable = CompetencyCatalogue.Default().Applicable(HierarchyLevel.Profesional, hasStaff: false);
        var scores = applicable.Select(name => new CompetencyScore
        {
            Competency = name,
            Value = name == "Trabajo en equipo" ? 3 : 4,
            Comment = name == "Trabajo en equipo" ? "Puede coordinarse mejor con el equipo." : "",
        }).ToList();
        await scenario.ActAsync(Camila, (e, p) => e.RateCompetencies(p.Evaluator, scores, applicable, p.Context));
        Assert.Equal(EvaluationState.FinalAcceptance, (await scenario.EvaluationAsync(Camila)).State);
    }

    private async Task<ScoringPolicy> PolicyAsync(Evaluation e)
    {
        var period = await app.WithDbAsync(d => d.Periods.AsNoTracking().SingleAsync(p => p.Id == e.PeriodId));
        return new ScoringPolicy(period.Settings);
    }

    private static void AssertBreakdown(ScoreBreakdown expected, string html)
    {
        Assert.Contains($"id=\"cr-goals\">{N(expected.GoalsComponent)}<", html);
        Assert.Contains($"id=\"cr-competencies\">{N(expected.CompetenciesComponent)}<", html);
        Assert.Contains($"id=\"cr-final\"><strong>{N(expected.Final)}</strong>", html);
        Assert.Contains(expected.LevelLabel, html);
        Assert.Contains(Legend, html);
    }

    [Fact]
    public async Task Before_the_first_follow_up_the_evaluation_page_says_what_is_missing()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        var html = await CompetencyWalk.HtmlAsync(camila, DetailsPage(id));
        Assert.Contains("<h2 class=\"h4\" id=\"calificacion\">Calificación</h2>", html);
        Assert.Contains("Aún no hay calificación", html);
        Assert.DoesNotContain("id=\"cr-final\"", html);
        Assert.DoesNotContain(ResultPage(id), html);
    }

    [Fact]
    public async Task After_the_first_follow_up_the_evaluation_page_shows_its_score_and_the_result_page_explains_there_is_none_yet()
    {
        await CompetencyWalk.ToCompetencyRatingAsync(scenario, Camila);
        var id = await scenario.EvaluationIdAsync(Camila);
        var e = await scenario.EvaluationAsync(Camila);
        var policy = await PolicyAsync(e);
        var first = ScoringPolicy.Round(policy.FirstFollowUp(e.OrderedGoals
            .Select(g => (g.Weight, g.AgreedFirstFollowUpPercent, e.ProgressOf(1).Single(p => p.GoalNumber == g.Number).AchievedPercent)).ToList()));
        Assert.Equal(65m, first); // 60 × min(30/40, 1) + 40 × min(20/40, 1)

        var felipe = await app.SignedInAsync(Accounts.Jefe);
        var html = await CompetencyWalk.HtmlAsync(felipe, DetailsPage(id));
        Assert.Contains($"id=\"rs-first\">{N(first)}<", html);
        Assert.Contains("Avance del primer seguimiento (informativo)", html);
        Assert.DoesNotContain("id=\"cr-final\"", html);

        html = await CompetencyWalk.HtmlAsync(felipe, ResultPage(id));
        Assert.Contains("solo se puede consultar", html);
        Assert.Contains("«Calificación de competencias»", html);
        Assert.DoesNotContain("id=\"cr-final\"", html);
        Assert.DoesNotContain("Componente de metas", html);
        Assert.DoesNotContain(Legend, html);
        Assert.DoesNotContain(">Imprimir</button>", html);
    }

    [Fact]
    public async Task A_finished_evaluation_shows_the_breakdown_and_a_printable_result_sheet_with_the_scoring_policy_numbers()
    {
        await CompetencyWalk.ToCompetencyRatingAsync(scenario, Camila);
        await RateCompetenciesAsync();
        var id = await scenario.EvaluationIdAsync(Camila);
        var e = await scenario.EvaluationAsync(Camila);
        var expected = (await PolicyAsync(e)).Score(e);
        // 60 × 90 % + 40 × 75 % = 84; (9 × 4 + 3) / 10 / 4 = 97,5; 0,85 × 84 + 0,15 × 97,5 = 86,025 → 86,03.
        Assert.Equal(84m, expected.GoalsComponent);
        Assert.Equal(97.5m, expected.CompetenciesComponent);
        Assert.Equal(86.03m, expected.Final);

        var camila = await app.SignedInAsync(Accounts.Evaluado);
        AssertBreakdown(expected, await CompetencyWalk.HtmlAsync(camila, $"/Evaluations/FinalAcceptance/{id}")); // through the shared partial
        var html = await CompetencyWalk.HtmlAsync(camila, DetailsPage(id));
        AssertBreakdown(expected, html);
        Assert.DoesNotContain(ResultPage(id), html); // not finished yet

        await scenario.ActAsync(Camila, (ev, p) => ev.AcceptFinal(p.Evaluado, p.Context));

        html = await CompetencyWalk.HtmlAsync(camila, DetailsPage(id));
        AssertBreakdown(expected, html);
        Assert.Contains($"href=\"{ResultPage(id)}\"", html);

        var felipe = await app.SignedInAsync(Accounts.Jefe);
        html = await CompetencyWalk.HtmlAsync(felipe, ResultPage(id));
        AssertBreakdown(expected, html);
        var entity = app.Services.GetRequiredService<IOptions<EgiOptions>>().Value.EntityName;
        Assert.Contains(entity, html);
        Assert.Contains(Camila, html);
        Assert.Contains("Camila", html);
        Assert.Contains("Felipe", html);
        Assert.Contains("Vigencia:", html);
        Assert.Contains($"id=\"rs-accepted\">{scenario.Today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}<", html);
        Assert.Contains("60 %", html); // weight of goal 1
        Assert.Contains("90 %", html); // achieved at the second follow-up
        Assert.Contains("75 %", html);
        Assert.Contains("Frecuentemente", html);
        Assert.Contains("Siempre", html);
        Assert.Contains(">Imprimir</button>", html);
        Assert.Matches("<script src=\"/js/result-print[^\"]*[.]js", html); // shows the button and prints (no inline script: CSP)
        var printLink = Regex.Match(html, "<link[^>]*media=\"print\"[^>]*>").Value;
        Assert.Contains("/css/print", printLink);

        var servant = await app.WithDbAsync(d => d.Servants.AsNoTracking().SingleAsync(s => s.DocumentNumber == Camila));
        var dependency = await app.WithDbAsync(d => d.Dependencies.AsNoTracking().SingleAsync(x => x.Id == servant.DependencyId));
        Assert.Contains(servant.FullName, html);
        Assert.Contains(servant.Job, html);
        Assert.Contains(dependency.Name, html);

        var hr = await app.SignedInAsync(Accounts.TalentoHumano); // reads every evaluation
        AssertBreakdown(expected, await CompetencyWalk.HtmlAsync(hr, ResultPage(id)));
        var consulta = await app.SignedInAsync(Accounts.Consulta); // reads reports, not individual evaluations (Ley 1581)
        Assert.Equal(HttpStatusCode.NotFound, (await consulta.GetAsync(ResultPage(id))).StatusCode);

        var print = await felipe.GetAsync(Regex.Match(printLink, "href=\"([^\"]+)\"").Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, print.StatusCode);
        Assert.Contains("footer", await print.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Another_jefe_gets_404_and_anonymous_is_sent_to_login()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        var toLogin = await app.NewClient().GetAsync(ResultPage(id));
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        Assert.Contains("/Account/Login", toLogin.Headers.Location!.ToString());

        var carlos = await app.SignedInAsync(Accounts.Planeacion); // another jefe
        Assert.Equal(HttpStatusCode.NotFound, (await carlos.GetAsync(ResultPage(id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await carlos.GetAsync(ResultPage(999999))).StatusCode);
    }
}

public sealed class ResultPagesTestsSqlite(SqliteHost host) : ResultPagesTests(host), IClassFixture<SqliteHost>;

public sealed class ResultPagesTestsPostgres(PostgresHost host) : ResultPagesTests(host), IClassFixture<PostgresHost>;
