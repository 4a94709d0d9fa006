using System.Net;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Competencies;

/// <summary>
/// The competency catalogue page of Talento Humano through the real host: the seeded catalogue by group, editing a
/// name (with the domain's validation), adding an entry, and deactivating one so it no longer appears on a rating page.
/// </summary>
public abstract class CataloguePagesTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;

    public Task InitializeAsync() => host.StartTestAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<string> ReadAsync(HttpResponseMessage r) => WebUtility.HtmlDecode(await r.Content.ReadAsStringAsync());

    [Fact]
    public async Task Every_database_gets_the_catalogue_and_talento_humano_sees_it_by_group()
    {
        Assert.Equal(30, await app.WithDbAsync(d => d.CompetencyEntries.CountAsync()));
        var th = await app.SignedInAsync(Accounts.TalentoHumano);
        var html = await CompetencyWalk.HtmlAsync(th, "/Competencies");
        foreach (var group in new[] { "Comunes a todos los niveles", "Nivel directivo", "Nivel asesor", "Nivel profesional",
                     "Nivel profesional con personal a cargo", "Nivel técnico", "Nivel asistencial" })
            Assert.Contains(group, html);
        Assert.Contains("Visión estratégica", html);
        Assert.Contains("TEC-02", html);
        Assert.Contains("Activa", html);
    }

    [Fact]
    public async Task Talento_humano_edits_a_name_and_a_duplicate_or_empty_name_is_refused_next_to_the_field()
    {
        var th = await app.SignedInAsync(Accounts.TalentoHumano);
        var empty = await th.PostFormAsync("/Competencies/Edit/COM-05", new() { ["Input.Name"] = "  ", ["Input.Definition"] = "x" });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var html = await ReadAsync(empty);
        Assert.Contains("El campo «Nombre» es obligatorio.", html);
        Assert.Contains("id=\"Input_Name-error\">El campo «Nombre» es obligatorio.", html);

        var duplicate = await th.PostFormAsync("/Competencies/Edit/COM-05", new() { ["Input.Name"] = "orientacion a resultados", ["Input.Definition"] = "x" });
        Assert.Contains("Ya existe la competencia «orientacion a resultados» en el grupo «Comunes a todos los niveles».", await ReadAsync(duplicate));
        Assert.Equal("Trabajo en equipo", await app.WithDbAsync(d => d.CompetencyEntries.Where(c => c.Code == "COM-05").Select(c => c.Name).SingleAsync()));

        var saved = await th.PostFormAsync("/Competencies/Edit/COM-05", new() { ["Input.Name"] = "Trabajo  en equipo y colaboración", ["Input.Definition"] = "Trabajar con otros." });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var row = await app.WithDbAsync(d => d.CompetencyEntries.SingleAsync(c => c.Code == "COM-05"));
        Assert.Equal("Trabajo en equipo y colaboración", row.Name);
        Assert.Equal("Trabajar con otros.", row.Definition);
        Assert.Contains("Trabajo en equipo y colaboración", await CompetencyWalk.HtmlAsync(th, "/Competencies"));
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.EntityType == "Competencia" && a.EntityId == "COM-05")));
    }

    [Fact]
    public async Task Talento_humano_adds_an_entry_to_a_group_with_the_next_code()
    {
        var th = await app.SignedInAsync(Accounts.TalentoHumano);
        var response = await th.PostFormAsync("/Competencies/Add/Tecnico", new() { ["Input.Name"] = "Manejo de herramientas", ["Input.Definition"] = "Usar bien las herramientas." });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = await app.WithDbAsync(d => d.CompetencyEntries.SingleAsync(c => c.Code == "TEC-04"));
        Assert.Equal("Manejo de herramientas", row.Name);
        Assert.True(row.Active);
        Assert.Equal(HttpStatusCode.NotFound, (await th.GetAsync("/Competencies/Add/Inexistente")).StatusCode);
    }

    [Fact]
    public async Task Deactivating_disciplina_removes_it_from_a_tecnicos_rating_page_and_reactivating_brings_it_back()
    {
        var scenario = await EvaluationScenario.OpenAsync(app);
        const string brayan = "1031234567"; // Técnico Administrativo, evaluado of Felipe Navarro
        await CompetencyWalk.ToCompetencyRatingAsync(scenario, brayan);
        var id = await scenario.EvaluationIdAsync(brayan);
        var felipe = await app.SignedInAsync(Accounts.Jefe);
        var rating = await CompetencyWalk.HtmlAsync(felipe, $"/Evaluations/Competencies/{id}");
        Assert.Contains("Disciplina", rating);
        // The decree's conductas asociadas are the evaluator's help, under each competency's definition.
        Assert.Contains("Adaptarse a las políticas institucionales y generar información acorde con los procesos.", rating);
        Assert.Contains("<summary>Conductas asociadas de «Disciplina» (3)</summary>", rating);
        Assert.Contains("<li>Acepta la supervisión constante.</li>", rating);
        Assert.Contains("<li>Cumple con eficiencia la tarea encomendada.</li>", rating);

        var th = await app.SignedInAsync(Accounts.TalentoHumano);
        var response = await th.PostFormAsync("/Competencies?handler=Deactivate", new() { ["code"] = "TEC-02" }, getUrl: "/Competencies");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await app.WithDbAsync(d => d.CompetencyEntries.Where(c => c.Code == "TEC-02").Select(c => c.Active).SingleAsync()));
        Assert.Contains("Inactiva", await CompetencyWalk.HtmlAsync(th, "/Competencies"));

        var page = await CompetencyWalk.HtmlAsync(felipe, $"/Evaluations/Competencies/{id}");
        Assert.DoesNotContain("Disciplina", page);
        Assert.Contains("Responsabilidad", page);

        await th.PostFormAsync("/Competencies?handler=Activate", new() { ["code"] = "TEC-02" }, getUrl: "/Competencies");
        Assert.Contains("Disciplina", await CompetencyWalk.HtmlAsync(felipe, $"/Evaluations/Competencies/{id}"));
    }

    [Fact]
    public async Task The_catalogue_shows_the_decree_text_with_its_conductas_and_talento_humano_edits_them()
    {
        var th = await app.SignedInAsync(Accounts.TalentoHumano);
        var html = await CompetencyWalk.HtmlAsync(th, "/Competencies");
        Assert.Contains("Capacidad para relacionarse en diferentes entornos con el fin de cumplir los objetivos institucionales.", html);
        Assert.Contains("<summary>Conductas asociadas de «Visión estratégica» (6)</summary>", html);
        Assert.Contains("<li>Articula objetivos, recursos y metas de forma tal que los resultados generen valor.</li>", html);
        Assert.DoesNotContain("Conductas asociadas de «Resolución de conflictos»", html); // not found in the published text

        var form = await CompetencyWalk.HtmlAsync(th, "/Competencies/Edit/ASI-03");
        Assert.Contains("Articula sus actuaciones con las de los demás.\nCumple con los compromisos adquiridos.\nFacilita la labor de sus superiores y compañeros de trabajo.</textarea>", form);
        Assert.Contains("<label for=\"Input_Behaviors\" class=\"form-label\">Conductas asociadas</label>", form);

        var tooLong = string.Join("\n", Enumerable.Repeat(new string('a', 199) + ".", 21));
        var refused = await th.PostFormAsync("/Competencies/Edit/ASI-03",
            new() { ["Input.Name"] = "Colaboración", ["Input.Definition"] = "Coopera con los demás.", ["Input.Behaviors"] = tooLong });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("id=\"Input_Behaviors-error\">El campo «Conductas asociadas» admite máximo 4000 caracteres en total (una conducta por línea).", await ReadAsync(refused));
        Assert.Equal("Coopera con los demás con el fin de alcanzar los objetivos institucionales.",
            await app.WithDbAsync(d => d.CompetencyEntries.Where(c => c.Code == "ASI-03").Select(c => c.Definition).SingleAsync()));

        var saved = await th.PostFormAsync("/Competencies/Edit/ASI-03", new()
        {
            ["Input.Name"] = "Colaboración",
            ["Input.Definition"] = "Coopera con los demás con el fin de alcanzar los objetivos institucionales.",
            ["Input.Behaviors"] = "Articula sus actuaciones con las de los demás.\r\n\r\n  Comparte   su agenda con el equipo. \r\n",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Articula sus actuaciones con las de los demás.\nComparte su agenda con el equipo.",
            await app.WithDbAsync(d => d.CompetencyEntries.Where(c => c.Code == "ASI-03").Select(c => c.Behaviors).SingleAsync()));
        Assert.Contains("<li>Comparte su agenda con el equipo.</li>", await CompetencyWalk.HtmlAsync(th, "/Competencies"));
        var audit = await app.WithDbAsync(d => d.AuditEntries.Where(a => a.EntityType == "Competencia" && a.EntityId == "ASI-03").ToListAsync());
        Assert.Contains("Comparte su agenda con el equipo.", Assert.Single(audit).After!, StringComparison.Ordinal);

        var added = await th.PostFormAsync("/Competencies/Add/Asistencial", new()
        {
            ["Input.Name"] = "Atención al público",
            ["Input.Definition"] = "Atender con amabilidad.",
            ["Input.Behaviors"] = "Saluda.\nResponde con claridad.",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("Saluda.\nResponde con claridad.", await app.WithDbAsync(d => d.CompetencyEntries.Where(c => c.Code == "ASI-04").Select(c => c.Behaviors).SingleAsync()));
    }

    [Fact]
    public async Task Only_talento_humano_opens_or_changes_the_catalogue()
    {
        var anonymous = await app.NewClient().GetAsync("/Competencies");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.ToString());
        foreach (var email in new[] { Accounts.Evaluado, Accounts.Consulta })
        {
            var client = await app.SignedInAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Competencies")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Competencies/Edit/COM-01")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Competencies/Add/Tecnico")).StatusCode);
        }
    }
}

public sealed class CataloguePagesTestsSqlite(SqliteHost host) : CataloguePagesTests(host), IClassFixture<SqliteHost>;

public sealed class CataloguePagesTestsPostgres(PostgresHost host) : CataloguePagesTests(host), IClassFixture<PostgresHost>;
