using System.Net;
using System.Text.RegularExpressions;
using Egi.Domain.Competencies;
using Egi.Domain.Evaluations;
using Egi.Domain.Improvement;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Improvement;

/// <summary>Finished evaluations for the improvement-plan tests, driven through the domain with <see cref="EvaluationScenario"/>.</summary>
public static partial class ImprovementKit
{
    /// <summary>
    /// Takes the evaluation of <paramref name="document"/> to «Finalizada»: goals 60/40 achieved 90/75 (goals component 84),
    /// every competency Siempre (4) except «Trabajo en equipo» rated <paramref name="teamwork"/>.
    /// With teamwork 3 the final score is 86,03 (Satisfactorio); with 2, 85,88 and the competency is a reason too.
    /// </summary>
    public static async Task FinishAsync(EgiAppFactory app, EvaluationScenario s, string document, int teamwork = 3)
    {
        await CompetencyWalk.ToCompetencyRatingAsync(s, document);
        var servant = await app.WithDbAsync(d => d.Servants.AsNoTracking().SingleAsync(x => x.DocumentNumber == document));
        var applicable = CompetencyCatalogue.Default().Applicable(servant.Level, servant.HasStaff);
        var scores = applicable.Select(n => new CompetencyScore { Competency = n, Value = n == "Trabajo en equipo" ? teamwork : 4 }).ToList();
        await s.ActAsync(document, (e, p) => e.RateCompetencies(p.Evaluator, scores, applicable, p.Context));
        await s.ActAsync(document, (e, p) => e.AcceptFinal(p.Evaluado, p.Context));
        Assert.Equal(EvaluationState.Finalized, (await s.EvaluationAsync(document)).State);
    }

    public static Task<ImprovementPlan?> PlanAsync(EgiAppFactory app, string document) =>
        app.WithDbAsync(async d =>
        {
            var id = await d.Servants.Where(x => x.DocumentNumber == document).Select(x => x.Id).SingleAsync();
            return await d.Set<ImprovementPlan>().AsNoTracking().SingleOrDefaultAsync(p => p.ServantId == id);
        });

    public static async Task<string> HtmlAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    public static async Task<string> BodyAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [GeneratedRegex("<input id=\"(?:[^\"]+)\" name=\"(Input\\.[^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex InputField();

    [GeneratedRegex("<select[^>]*name=\"(Input\\.[^\"]+)\"[^>]*>(.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex SelectField();

    [GeneratedRegex("<option value=\"([^\"]*)\" selected")]
    private static partial Regex SelectedOption();

    [GeneratedRegex("name=\"Version\" value=\"([0-9a-fA-F-]{36})\"")]
    private static partial Regex VersionField();

    /// <summary>The period settings form as the screen shows it: every input and every select with its chosen option.</summary>
    public static async Task<Dictionary<string, string>> SettingsFormAsync(HttpClient client, string url)
    {
        var page = await client.GetStringAsync(url);
        var form = InputField().Matches(page).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        foreach (Match select in SelectField().Matches(page))
            form[select.Groups[1].Value] = WebUtility.HtmlDecode(SelectedOption().Match(select.Groups[2].Value).Groups[1].Value);
        return form;
    }

    public static async Task<string> VersionAsync(HttpClient client, string url) =>
        VersionField().Match(await HtmlAsync(client, url)).Groups[1].Value;

    /// <summary>The form of one complete aspect linked to goal 1 (row 0), with the given dates (yyyy-MM-dd).</summary>
    public static Dictionary<string, string> AspectForm(string version, string start = "2026-12-01", string end = "2027-03-31", string link = "G:1") => new()
    {
        ["Version"] = version,
        ["Aspects[0].Link"] = link,
        ["Aspects[0].Aspect"] = "Oportunidad en la entrega de informes",
        ["Aspects[0].Actions"] = "Planear las entregas con dos semanas de anticipación",
        ["Aspects[0].ExpectedResult"] = "Informes entregados a tiempo",
        ["Aspects[0].Responsible"] = "Camila Salazar",
        ["Aspects[0].StartDate"] = start,
        ["Aspects[0].EndDate"] = end,
        ["Aspects[0].Resources"] = "Cronograma del equipo",
    };
}
