using System.Net;
using System.Text.RegularExpressions;
using Egi.Domain.Calendar;
using Egi.Domain.Competencies;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using Egi.Web.Features.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Evaluations;

/// <summary>Walks an evaluation with the domain to «Calificación de competencias», reopening the follow-up steps for today.</summary>
public static class CompetencyWalk
{
    private static readonly Actor TalentoHumano = new("th-prueba", null, "Talento Humano (prueba)", IsTalentoHumano: true);

    private static List<GoalProgress> Progress(int followUp, params int[] achieved) =>
        achieved.Select((a, i) => new GoalProgress { FollowUp = followUp, GoalNumber = i + 1, AchievedPercent = a, Narrative = $"Avance de la meta {i + 1}" }).ToList();

    /// <summary>Goals 60/40; first follow-up 30/20; second follow-up 90/75; everything approved and accepted.</summary>
    public static async Task ToCompetencyRatingAsync(EvaluationScenario s, string document)
    {
        await s.ActAsync(document, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(60, 40), p.Context));
        await s.ActAsync(document, (e, p) => e.ApproveGoals(p.Evaluator, p.Context));
        await s.ActAsync(document, (e, p) => e.AcceptGoals(p.Evaluado, p.Context));
        await s.ActAsync(document, (e, p) => e.ReopenStep(TalentoHumano, EvaluationStep.FollowUpI, s.Today.AddDays(30), "Prueba: primer seguimiento", p.Context));
        await s.ActAsync(document, (e, p) => e.SubmitSelfEvaluation(p.Evaluado, 1, Progress(1, 30, 20), p.Context));
        await s.ActAsync(document, (e, p) => e.ApproveSelfEvaluation(p.Evaluator, 1, p.Context));
        await s.ActAsync(document, (e, p) => e.AcceptSelfEvaluation(p.Evaluado, p.Context));
        await s.ActAsync(document, (e, p) => e.ReopenStep(TalentoHumano, EvaluationStep.FollowUpII, s.Today.AddDays(30), "Prueba: segundo seguimiento", p.Context));
        await s.ActAsync(document, (e, p) => e.SubmitSelfEvaluation(p.Evaluado, 2, Progress(2, 90, 75), p.Context));
        await s.ActAsync(document, (e, p) => e.ApproveSelfEvaluation(p.Evaluator, 2, p.Context));
        Assert.Equal(EvaluationState.CompetencyRating, (await s.EvaluationAsync(document)).State);
    }

    public static async Task<string> HtmlAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}

/// <summary>
/// Activities 14 and 15 through the real host: the evaluator rates the competencies of the catalogue that apply to the
/// evaluado, and the evaluado reads the score breakdown and accepts or does not accept the final result.
/// </summary>
public abstract partial class CompetencyPagesTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;
    private const string Camila = EvaluationScenario.Camila;

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string RatingPage(int id) => $"/Evaluations/Competencies/{id}";
    private static string FinalPage(int id) => $"/Evaluations/FinalAcceptance/{id}";

    [GeneratedRegex("name=\"Version\" value=\"([0-9a-fA-F-]{36})\"")]
    private static partial Regex VersionField();

    private static readonly IReadOnlyList<string> ProfesionalCompetencies =
        CompetencyCatalogue.Default().Applicable(HierarchyLevel.Profesional, hasStaff: false);

    /// <summary>The rating form: Siempre (4) everywhere except «Trabajo en equipo» Frecuentemente (3); <paramref name="skip"/> left unrated.</summary>
    private static Dictionary<string, string> RatingForm(string version, string? skip = null)
    {
        var form = new Dictionary<string, string> { ["Version"] = version };
        for (var i = 0; i < ProfesionalCompetencies.Count; i++)
        {
            var name = ProfesionalCompetencies[i];
            form[$"Ratings[{i}].Competency"] = name;
            if (name != skip) form[$"Ratings[{i}].Value"] = name == "Trabajo en equipo" ? "3" : "4";
            form[$"Ratings[{i}].Comment"] = name == "Trabajo en equipo" ? "Puede coordinarse mejor con el equipo." : "";
        }
        return form;
    }

    private async Task<HttpResponseMessage> RateAsync(HttpClient client, int id, string? skip = null)
    {
        var html = await CompetencyWalk.HtmlAsync(client, RatingPage(id));
        var version = VersionField().Match(html).Groups[1].Value;
        return await client.PostFormAsync(RatingPage(id), RatingForm(version, skip));
    }

    [Fact]
    public async Task The_evaluator_rates_the_ten_competencies_of_a_profesional_and_the_evaluation_goes_to_final_acceptance()
    {
        await CompetencyWalk.ToCompetencyRatingAsync(scenario, Camila);
        var id = await scenario.EvaluationIdAsync(Camila);
        var felipe = await app.SignedInAsync(Accounts.Jefe);

        var html = await CompetencyWalk.HtmlAsync(felipe, RatingPage(id));
        Assert.Equal(10, ProfesionalCompetencies.Count);
        Assert.Equal(10, Regex.Matches(html, "<fieldset").Count);
        foreach (var name in ProfesionalCompetencies) Assert.Contains(name, html);
        Assert.Contains("Realizar las funciones y cumplir los compromisos organizacionales", html);
        Assert.Contains("Siempre (4)", html);
        Assert.Contains("Frecuentemente (3)", html);
        Assert.Contains("<legend", html);

        var response = await RateAsync(felipe, id);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var e = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.FinalAcceptance, e.State);
        Assert.Equal(10, e.Competencies.Count);
        Assert.Equal(3, e.Competencies.Single(c => c.Competency == "Trabajo en equipo").Value);
        Assert.Equal("Puede coordinarse mejor con el equipo.", e.Competencies.Single(c => c.Competency == "Trabajo en equipo").Comment);
        Assert.All(e.Competencies.Where(c => c.Competency != "Trabajo en equipo"), c => Assert.Equal(4, c.Value));
    }

    [Fact]
    public async Task A_missing_rating_is_refused_with_its_name_and_nothing_is_saved()
    {
        await CompetencyWalk.ToCompetencyRatingAsync(scenario, Camila);
        var id = await scenario.EvaluationIdAsync(Camila);
        var felipe = await app.SignedInAsync(Accounts.Jefe);

        var response = await RateAsync(felipe, id, skip: "Adaptación al cambio");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Califique la competencia «Adaptación al cambio».", html);
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains("Puede coordinarse mejor con el equipo.", html); // what was typed is kept

        var e = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.CompetencyRating, e.State);
        Assert.Empty(e.Competencies);
    }

    [Fact]
    public async Task Others_may_not_rate_nor_accept_and_anonymous_is_sent_to_login()
    {
        await CompetencyWalk.ToCompetencyRatingAsync(scenario, Camila);
        var id = await scenario.EvaluationIdAsync(Camila);

        var anonymous = app.NewClient();
        var toLogin = await anonymous.GetAsync(RatingPage(id));
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        Assert.Contains("/Account/Login", toLogin.Headers.Location!.ToString());
        toLogin = await anonymous.GetAsync(FinalPage(id));
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        Assert.Contains("/Account/Login", toLogin.Headers.Location!.ToString());

        var carlos = await app.SignedInAsync(Accounts.Planeacion); // another jefe
        Assert.Equal(HttpStatusCode.NotFound, (await carlos.GetAsync(RatingPage(id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await carlos.GetAsync(FinalPage(id))).StatusCode);

        var consulta = await app.SignedInAsync(Accounts.Consulta); // may read evaluations, never act
        Assert.Equal(HttpStatusCode.NotFound, (await consulta.GetAsync(RatingPage(id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await consulta.GetAsync(FinalPage(id))).StatusCode);

        var camila = await app.SignedInAsync(Accounts.Evaluado); // the evaluado does not rate herself
        Assert.Equal(HttpStatusCode.NotFound, (await camila.GetAsync(RatingPage(id))).StatusCode);
        var felipe = await app.SignedInAsync(Accounts.Jefe); // the evaluator does not accept for her
        Assert.Equal(HttpStatusCode.NotFound, (await felipe.GetAsync(FinalPage(id))).StatusCode);
        Assert.Equal(EvaluationState.CompetencyRating, (await scenario.EvaluationAsync(Camila)).State);
    }

    private async Task<int> RatedAsync()
    {
        await CompetencyWalk.ToCompetencyRatingAsync(scenario, Camila);
        var id = await scenario.EvaluationIdAsync(Camila);
        var felipe = await app.SignedInAsync(Accounts.Jefe);
        Assert.Equal(HttpStatusCode.Redirect, (await RateAsync(felipe, id)).StatusCode);
        return id;
    }

    [Fact]
    public async Task The_evaluado_sees_the_score_breakdown_and_accepts_the_final_result()
    {
        var id = await RatedAsync();
        var e = await scenario.EvaluationAsync(Camila);
        var period = await app.WithDbAsync(d => d.Periods.AsNoTracking().SingleAsync(p => p.Id == e.PeriodId));
        var expected = new ScoringPolicy(period.Settings).Score(e);
        var esCo = System.Globalization.CultureInfo.GetCultureInfo("es-CO");
        // 60 × 90 % + 40 × 75 % = 84; (9 × 4 + 3) / 10 / 4 = 97,5 %.
        Assert.Equal(84m, expected.GoalsComponent);
        Assert.Equal(97.5m, expected.CompetenciesComponent);

        var camila = await app.SignedInAsync(Accounts.Evaluado);
        var html = await CompetencyWalk.HtmlAsync(camila, FinalPage(id));
        Assert.Contains($"id=\"cr-goals\">{expected.GoalsComponent.ToString("0.00", esCo)}<", html);
        Assert.Contains($"id=\"cr-competencies\">{expected.CompetenciesComponent.ToString("0.00", esCo)}<", html);
        Assert.Contains($"<strong>{expected.Final.ToString("0.00", esCo)}</strong>", html);
        Assert.Contains("84,00", html);
        Assert.Contains("97,50", html);
        Assert.Contains(expected.LevelLabel, html);
        Assert.Contains("Esta calificación no otorga derechos de carrera administrativa.", html);
        Assert.Contains("90 %", html); // second follow-up of goal 1
        Assert.Contains("75 %", html);
        Assert.Contains("Frecuentemente", html);
        Assert.Contains("Puede coordinarse mejor con el equipo.", html);

        var version = VersionField().Match(html).Groups[1].Value;
        var response = await camila.PostFormAsync($"{FinalPage(id)}?handler=Accept", new() { ["Version"] = version }, getUrl: FinalPage(id));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(EvaluationState.Finalized, (await scenario.EvaluationAsync(Camila)).State);
    }

    [Fact]
    public async Task Not_accepting_needs_a_reason_and_sends_the_evaluation_back_to_the_self_evaluation_II()
    {
        var id = await RatedAsync();
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        var version = VersionField().Match(await CompetencyWalk.HtmlAsync(camila, FinalPage(id))).Groups[1].Value;

        var refused = await camila.PostFormAsync($"{FinalPage(id)}?handler=NotAccept", new() { ["Version"] = version, ["Reason"] = "  " }, getUrl: FinalPage(id));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Escriba el motivo por el que no acepta.", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(EvaluationState.FinalAcceptance, (await scenario.EvaluationAsync(Camila)).State);

        var response = await camila.PostFormAsync($"{FinalPage(id)}?handler=NotAccept",
            new() { ["Version"] = version, ["Reason"] = "El avance de la meta 2 fue mayor." }, getUrl: FinalPage(id));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var e = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.SelfEvaluationII, e.State);
        Assert.Equal("El avance de la meta 2 fue mayor.", e.History[^1].Comment);
    }
}

public sealed class CompetencyPagesTestsSqlite(SqliteHost host) : CompetencyPagesTests(host), IClassFixture<SqliteHost>;

public sealed class CompetencyPagesTestsPostgres(PostgresHost host) : CompetencyPagesTests(host), IClassFixture<PostgresHost>;
