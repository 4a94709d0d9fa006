using System.Net;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Directory;

/// <summary>Reading the directory (list, filters, details) and who may reach the servant pages. Changes nothing.</summary>
public abstract class ServantsListTests(ServantsFixture fx)
{
    private const string Director = "Rodríguez Mejía, Andrés Felipe";

    private Task<HttpClient> TalentoHumano() => fx.ClientAsync(Accounts.TalentoHumano);

    [Fact]
    public async Task The_list_shows_the_active_demo_servants_with_count_and_two_pages()
    {
        var html = await (await TalentoHumano()).PageAsync("/Directory/Servants");
        Assert.Contains("Se encontraron 39 servidores.", html); // 40 in the demo, one retired
        Assert.Contains("Página 1 de 2.", html);
        Assert.Equal(25, ServantsHtml.ListedNames(html).Count);
        Assert.Contains("aria-label=\"Paginación de servidores\"", html);
        Assert.Contains("aria-current=\"page\"", html);
        Assert.Contains("href=\"/Directory/Servants/Create\"", html);

        var row = ServantsHtml.RowOf(html, "Arbeláez Correa, Mateo");
        Assert.Contains("1037654321", row);
        Assert.Contains("Profesional Especializado 2028-19", row);
        Assert.Contains("Subdirección de Minería", row);
        Assert.Contains("Ricardo León Zapata Henao", row);
        Assert.Contains("Nombramiento provisional", row);
        Assert.Contains(">Evaluable</span>", row);

        var page2 = await (await TalentoHumano()).PageAsync("/Directory/Servants?pagina=2");
        Assert.Equal(14, ServantsHtml.ListedNames(page2).Count);
        Assert.Contains("Página 2 de 2.", page2);
        Assert.Empty(ServantsHtml.ListedNames(html).Intersect(ServantsHtml.ListedNames(page2)));
    }

    [Fact]
    public async Task The_list_is_sorted_by_last_names_and_can_be_reversed()
    {
        var client = await TalentoHumano();
        var asc = ServantsHtml.ListedNames(await client.PageAsync("/Directory/Servants"));
        Assert.Equal("Arbeláez Correa, Mateo", asc[0]);
        Assert.Equal("Benítez Largo, Wilson", asc[1]);
        Assert.Equal("Bermúdez Gil, Santiago", asc[2]);
        var desc = ServantsHtml.ListedNames(await client.PageAsync("/Directory/Servants?orden=-nombre"));
        Assert.Equal("Zapata Henao, Ricardo León", desc[0]);
        Assert.Equal("Vélez Arango, Ana María", desc[1]);
    }

    [Theory]
    [InlineData("1.020.456.789")]
    [InlineData("1020456789")]
    [InlineData("1 020 456 789")]
    [InlineData("pardo diaz")]
    [InlineData("JUAN.PARDO@")]
    public async Task Search_finds_the_person_by_document_with_or_without_dots_name_or_email(string q)
    {
        var html = await (await TalentoHumano()).PageAsync("/Directory/Servants?q=" + Uri.EscapeDataString(q));
        Assert.Equal(["Pardo Díaz, Juan Sebastián"], ServantsHtml.ListedNames(html));
        Assert.Contains("Se encontró 1 servidor.", html);
    }

    /// <summary>
    /// What a person types comes back escaped (the page's encoder allows every Unicode range, so Spanish letters are
    /// written as they are, not as character references; markup never passes).
    /// </summary>
    [Fact]
    public async Task A_search_with_markup_comes_back_escaped_and_spanish_letters_as_they_are()
    {
        var q = "<script>alert('x')</script> \"Ñúñez\" & «ó»";
        var response = await (await TalentoHumano()).GetAsync("/Directory/Servants?q=" + Uri.EscapeDataString(q));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", raw);
        Assert.Contains("value=\"&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &quot;Ñúñez&quot; &amp; «ó»\"", raw);
        Assert.Contains("Se encontraron 0 servidores.", raw);
        Assert.Contains("No hay servidores que cumplan los criterios de búsqueda.", raw);
    }

    [Fact]
    public async Task Search_by_empleo_ignores_accents_and_finds_no_one_for_nonsense()
    {
        var client = await TalentoHumano();
        var tecnicos = ServantsHtml.ListedNames(await client.PageAsync("/Directory/Servants?q=tecnico+operativo"));
        Assert.Equal(["Pulido Vega, Édgar Mauricio"], tecnicos);
        var none = await client.PageAsync("/Directory/Servants?q=zzzz");
        Assert.Contains("Se encontraron 0 servidores.", none);
        Assert.Contains("No hay servidores que cumplan los criterios de búsqueda.", none);
    }

    [Fact]
    public async Task Filters_by_dependencia_nivel_vinculacion_and_evaluable()
    {
        var client = await TalentoHumano();
        var mineria = await fx.DependencyIdAsync("400");
        var byDependency = ServantsHtml.ListedNames(await client.PageAsync($"/Directory/Servants?dependencia={mineria}"));
        Assert.Equal(9, byDependency.Count);
        Assert.Contains("Zapata Henao, Ricardo León", byDependency);
        Assert.DoesNotContain("Rojas Vanegas, Fabián Andrés", byDependency); // retired

        var directivos = ServantsHtml.ListedNames(await client.PageAsync("/Directory/Servants?nivel=Directivo"));
        Assert.Equal(["Navarro Restrepo, Felipe Antonio", "Ochoa Vargas, Gustavo Adolfo", Director, "Zapata Henao, Ricardo León"], directivos);

        var carrera = ServantsHtml.ListedNames(await client.PageAsync("/Directory/Servants?vinculacion=Career"));
        Assert.Equal(8, carrera.Count);
        Assert.Contains("López Quintero, Sandra Milena", carrera);

        var noEvaluables = await client.PageAsync("/Directory/Servants?evaluable=no");
        var names = ServantsHtml.ListedNames(noEvaluables);
        Assert.Equal(10, names.Count); // 8 de carrera, 1 temporal, el gerente público
        Assert.Contains(Director, names);
        Assert.Contains("Galeano Franco, Tatiana", names);
        Assert.DoesNotContain(">Evaluable</span>", noEvaluables);

        var evaluables = await client.PageAsync("/Directory/Servants?evaluable=si&nivel=Profesional&dependencia=" + mineria);
        Assert.Equal(["Arbeláez Correa, Mateo", "Marín Sierra, Cristian Camilo", "Ospina Duque, Juliana"], ServantsHtml.ListedNames(evaluables));
        Assert.Contains("selected=\"selected\">Sí</option>", evaluables); // the filter form keeps what was chosen
    }

    [Fact]
    public async Task Retired_and_all_states()
    {
        var client = await TalentoHumano();
        var retired = await client.PageAsync("/Directory/Servants?estado=retirados");
        Assert.Equal(["Rojas Vanegas, Fabián Andrés"], ServantsHtml.ListedNames(retired));
        var row = ServantsHtml.RowOf(retired, "Rojas Vanegas, Fabián Andrés");
        Assert.Contains(">No evaluable</span>", row);
        Assert.Contains("Retirado desde el 31/08/2026", row);

        Assert.Contains("Se encontraron 40 servidores.", await client.PageAsync("/Directory/Servants?estado=todos"));
    }

    [Theory]
    [InlineData("/Directory/Servants?pagina=abc&nivel=Gerente&vinculacion=99&dependencia=x&evaluable=quizas&estado=%3Cscript%3E&orden=hack")]
    [InlineData("/Directory/Servants?pagina=999")]
    [InlineData("/Directory/Servants?pagina=-1")]
    public async Task Nonsense_in_the_query_string_never_breaks_the_list(string url)
    {
        var html = await (await TalentoHumano()).PageAsync(url);
        Assert.Contains("Se encontraron 39 servidores.", html);
    }

    [Fact]
    public async Task The_gerente_publico_director_general_is_not_evaluable_in_list_and_details()
    {
        var client = await TalentoHumano();
        var row = ServantsHtml.RowOf(await client.PageAsync("/Directory/Servants?q=79.512.340"), Director);
        Assert.Contains(">No evaluable</span>", row);
        Assert.Contains("Gerente público", row);

        var id = await fx.IdOfAsync("79512340");
        var details = await client.PageAsync($"/Directory/Servants/Details/{id}");
        Assert.Contains(">No evaluable</span>", details);
        Assert.Contains("Gerente público: se evalúa mediante acuerdos de gestión", details);
    }

    [Fact]
    public async Task Details_show_every_field_the_boss_the_team_the_account_and_the_audit()
    {
        var id = await fx.IdOfAsync("53123456"); // Adriana Marcela Forero Cano, coordinadora
        var html = await (await TalentoHumano()).PageAsync($"/Directory/Servants/Details/{id}");
        Assert.Contains("<h1 class=\"h3 mb-1\">Adriana Marcela Forero Cano</h1>", html);
        foreach (var text in new[]
        {
            "53123456", "Adriana Marcela", "Forero Cano", "adriana.forero@egi-demo.gov.co", "Profesional Especializado (coordinación)",
            "2028-22", "Profesional", "Dirección General › Subdirección de Energía › Grupo Interno de Trabajo de Información",
            "Nombramiento provisional", "18/01/2016", "Felipe Antonio Navarro Restrepo",
        })
            Assert.Contains(text, html);
        Assert.Contains("<dt class=\"col-sm-5\">Tiene personal a cargo</dt><dd class=\"col-sm-7\">Sí</dd>", html);
        Assert.Contains("<dt class=\"col-sm-5\">Es gerente público</dt><dd class=\"col-sm-7\">No</dd>", html);
        Assert.Contains(">Evaluable</span>", html);
        Assert.Contains("Personas a cargo (5)", html);
        Assert.Contains("Daniel Esteban Quiroga Mora", html);
        Assert.Contains("Tiene cuenta: <span class=\"text-break\">adriana.forero@egi-demo.gov.co</span>", html);
        Assert.Contains("Últimos cambios registrados", html);
        Assert.Contains("<td>Crear</td>", html); // the seed created the row through the audited save
        Assert.Contains("href=\"/Directory/Servants/Edit/" + id + "\"", html);
        Assert.Contains("href=\"/Directory/Servants/Retire/" + id + "\"", html);
    }

    [Fact]
    public async Task Unknown_servant_is_a_404()
    {
        var client = await TalentoHumano();
        foreach (var page in new[] { "Details", "Edit", "Retire", "Reinstate" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Directory/Servants/{page}/987654")).StatusCode);
    }

    public static TheoryData<string> Pages => new()
    {
        "/Directory/Servants",
        "/Directory/Servants/Details/{id}",
        "/Directory/Servants/Create",
        "/Directory/Servants/Edit/{id}",
        "/Directory/Servants/Retire/{id}",
        "/Directory/Servants/Reinstate/{id}",
    };

    public static TheoryData<string> Posts => new()
    {
        "/Directory/Servants/Create",
        "/Directory/Servants/Edit/{id}",
        "/Directory/Servants/Retire/{id}",
        "/Directory/Servants/Reinstate/{id}",
    };

    private async Task<string> Url(string template) => template.Replace("{id}", (await fx.IdOfAsync("1022345987")).ToString());

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Anonymous_get_is_sent_to_sign_in(string template)
    {
        var response = await fx.App.NewClient().GetAsync(await Url(template));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task Anonymous_post_is_sent_to_sign_in_and_changes_nothing(string template)
    {
        var client = fx.App.NewClient();
        // A valid antiforgery token (from the sign-in page), so the refusal comes from authorization.
        var response = await client.PostFormAsync(await Url(template), RetireEveryone(), getUrl: "/Account/Login");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
        await AssertUnchangedAsync();
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Other_roles_get_403(string template)
    {
        var url = await Url(template);
        foreach (var who in new[] { Accounts.Evaluado, Accounts.Jefe, Accounts.Consulta, Accounts.Planeacion })
        {
            var response = await (await fx.ClientAsync(who)).GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{who} → {url}: {(int)response.StatusCode}");
        }
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task Other_roles_cannot_post(string template)
    {
        var url = await Url(template);
        foreach (var who in new[] { Accounts.Evaluado, Accounts.Consulta, Accounts.Planeacion })
        {
            var client = await fx.ClientAsync(who);
            var response = await client.PostFormAsync(url, RetireEveryone(), getUrl: "/Account/ChangePassword");
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{who} → POST {url}: {(int)response.StatusCode}");
        }
        await AssertUnchangedAsync();
    }

    /// <summary>A form that, if accepted by any of the handlers, would visibly change the database.</summary>
    private static Dictionary<string, string> RetireEveryone() => new()
    {
        ["Input.RetirementDate"] = "2026-11-01",
        ["Input.DocumentNumber"] = "999000111",
        ["Input.FirstNames"] = "Intruso",
        ["Input.LastNames"] = "Sin Permiso",
        ["Input.Email"] = "intruso@egi-demo.gov.co",
        ["Input.JobTitle"] = "Profesional",
        ["Input.Level"] = "Profesional",
        ["Input.DependencyId"] = "1",
        ["Input.EmploymentType"] = "Provisional",
        ["Input.HireDate"] = "2026-01-01",
    };

    private async Task AssertUnchangedAsync()
    {
        var (count, retired, intruder) = await fx.App.WithDbAsync(async d => (
            await d.Servants.CountAsync(),
            await d.Servants.CountAsync(s => s.RetirementDate != null),
            await d.Servants.AnyAsync(s => s.FirstNames == "Intruso")));
        Assert.Equal(40, count);
        Assert.Equal(1, retired);
        Assert.False(intruder);
    }
}

public sealed class ServantsListTestsSqlite(ServantsSqliteFixture fx) : ServantsListTests(fx), IClassFixture<ServantsSqliteFixture>;

public sealed class ServantsListTestsPostgres(ServantsPostgresFixture fx) : ServantsListTests(fx), IClassFixture<ServantsPostgresFixture>;
