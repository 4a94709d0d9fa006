using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Egi.Domain.Directory;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Directory;

/// <summary>
/// Creating, editing, retiring and reinstating servants. The tests share one database, so each one works on
/// its own people (new documents, or demo servants no other test of this class touches).
/// </summary>
public abstract class ServantsEditingTests(ServantsFixture fx)
{
    private Task<HttpClient> TalentoHumano() => fx.ClientAsync(Accounts.TalentoHumano);

    private static string S(int id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<Dictionary<string, string>> NewServantAsync(string document, string email, string? bossDocument = "53123456") => new()
    {
        ["Input.DocumentNumber"] = document,
        ["Input.FirstNames"] = "Lina María",
        ["Input.LastNames"] = "Acevedo Rincón",
        ["Input.Email"] = email,
        ["Input.JobTitle"] = "Profesional Universitario",
        ["Input.JobCode"] = "2044",
        ["Input.JobGrade"] = "11",
        ["Input.Level"] = "Profesional",
        ["Input.DependencyId"] = S(await fx.DependencyIdAsync("310")),
        ["Input.EmploymentType"] = "Provisional",
        ["Input.HireDate"] = "2026-11-17",
        ["Input.RetirementDate"] = "",
        ["Input.BossId"] = bossDocument is null ? "" : S(await fx.IdOfAsync(bossDocument)),
        ["Input.HasStaff"] = "true",
    };

    private Task<Dictionary<string, string>> EditFormAsync(int id, params (string Field, string Value)[] changes) =>
        ServantForms.EditFormAsync(fx.App, id, changes);

    private Task<int> CountAsync() => fx.App.WithDbAsync(d => d.Servants.CountAsync());

    [Fact]
    public async Task Create_form_offers_the_dependencia_tree_the_levels_and_active_bosses()
    {
        var client = await TalentoHumano();
        var html = await client.PageAsync("/Directory/Servants/Create");
        Assert.Contains("Dirección General › Secretaría General › Grupo Interno de Trabajo de Gestión del Talento Humano</option>", html);
        Assert.Contains(">Técnico</option>", html);
        Assert.Contains(">Libre nombramiento y remoción</option>", html);
        // The boss is found by the picker's search (no dependencia chosen yet: nothing to suggest), never a retired person.
        Assert.Contains("name=\"Input.BossSearch\"", html);
        Assert.DoesNotContain("Forero Cano, Adriana Marcela", html);
        var found = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/Directory/ServantSearch?q=forero%20adriana");
        Assert.Equal("Forero Cano, Adriana Marcela · Profesional Especializado (coordinación) 2028-22",
            Assert.Single(found.GetProperty("results").EnumerateArray()).GetProperty("text").GetString());
        var retired = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/Directory/ServantSearch?q=rojas%20vanegas");
        Assert.Equal(0, retired.GetProperty("results").GetArrayLength()); // retired: not offered as boss
        Assert.Contains("type=\"date\"", html);
        Assert.Contains("value=\"2026-11-24\"", html); // fecha de ingreso defaults to today
        Assert.Contains("<label class=\"form-check-label\" for=\"Input_IsPublicManager\">Es gerente público</label>", html);
    }

    [Fact]
    public async Task Creating_a_valid_servant_saves_it_creates_the_account_and_audits()
    {
        var client = await TalentoHumano();
        var response = await client.PostFormAsync("/Directory/Servants/Create", await NewServantAsync("1.098.765.432", "Lina.Acevedo@egi-demo.gov.co"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/Directory/Servants/Details/", location);

        var saved = await fx.App.WithDbAsync(d => d.Servants.AsNoTracking().SingleAsync(s => s.DocumentNumber == "1098765432"));
        Assert.Equal("lina.acevedo@egi-demo.gov.co", saved.Email);
        Assert.Equal(HierarchyLevel.Profesional, saved.Level);
        Assert.Equal(new DateOnly(2026, 11, 17), saved.HireDate);
        Assert.Equal(await fx.IdOfAsync("53123456"), saved.BossId);
        Assert.True(saved.HasStaff);
        Assert.False(saved.IsPublicManager);
        Assert.Equal("/Directory/Servants/Details/" + saved.Id, location);

        var account = await fx.App.WithDbAsync(d => d.Users.AsNoTracking().SingleOrDefaultAsync(u => u.ServantId == saved.Id));
        Assert.NotNull(account);
        Assert.Equal("lina.acevedo@egi-demo.gov.co", account.Email);

        var audit = await fx.App.WithDbAsync(d => d.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "Servidor" && a.EntityId == S(saved.Id)).ToListAsync());
        var create = Assert.Single(audit, a => a.Action == "Crear");
        Assert.Equal(Accounts.TalentoHumano, create.UserName);
        Assert.Contains("1098765432", create.After);

        var details = await client.PageAsync(location);
        Assert.Contains("Se creó el servidor Lina María Acevedo Rincón (1098765432).", details);
        Assert.Contains(">Evaluable</span>", details);
        Assert.Contains("Tiene cuenta:", details);
    }

    [Fact]
    public async Task A_document_already_in_the_directory_is_refused_even_written_with_dots()
    {
        var before = await CountAsync();
        var response = await (await TalentoHumano()).PostFormAsync("/Directory/Servants/Create", await NewServantAsync("79.512.340", "otra.persona@egi-demo.gov.co"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        Assert.Contains("Ya existe un servidor con el número de documento «79512340»: Andrés Felipe Rodríguez Mejía.", html);
        Assert.Contains("role=\"alert\"", html);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task An_email_of_another_servant_is_refused()
    {
        var response = await (await TalentoHumano()).PostFormAsync("/Directory/Servants/Create", await NewServantAsync("1098000001", "Camila.Salazar@egi-demo.gov.co"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("El correo «camila.salazar@egi-demo.gov.co» ya está registrado para Camila Andrea Salazar Nieto.", await response.TextAsync());
    }

    [Theory]
    [InlineData("lina.acevedo")]
    [InlineData("lina@egi-demo")]
    [InlineData("lina acevedo@egi-demo.gov.co")]
    public async Task An_invalid_email_is_refused_and_the_rest_is_kept(string email)
    {
        var before = await CountAsync();
        var response = await (await TalentoHumano()).PostFormAsync("/Directory/Servants/Create", await NewServantAsync("1098000002", email));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        Assert.Contains($"El campo «Correo institucional» no es un correo válido: «{email}».", html);
        Assert.Contains("value=\"Acevedo Rincón\"", html);
        Assert.Contains("value=\"1098000002\"", html);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_boss_id_that_does_not_exist_is_refused()
    {
        var form = await NewServantAsync("1098000003", "boss.inexistente@egi-demo.gov.co");
        form["Input.BossId"] = "987654";
        var response = await (await TalentoHumano()).PostFormAsync("/Directory/Servants/Create", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("El jefe inmediato elegido no existe en el directorio.", await response.TextAsync());
        Assert.False(await fx.App.WithDbAsync(d => d.Servants.AnyAsync(s => s.DocumentNumber == "1098000003")));
    }

    [Fact]
    public async Task Malformed_dates_options_and_ids_posted_by_hand_are_refused_in_spanish_and_keep_what_was_typed()
    {
        var form = await NewServantAsync("1098000004", "lina.malformada@egi-demo.gov.co");
        form["Input.HireDate"] = "31/02/2026";
        form["Input.RetirementDate"] = "mañana";
        form["Input.Level"] = "Gerente";
        form["Input.EmploymentType"] = "99";
        form["Input.DependencyId"] = "abc";
        form["Input.BossId"] = "1; DROP TABLE";
        form["Input.HasStaff"] = "quizás";
        var response = await (await TalentoHumano()).PostFormAsync("/Directory/Servants/Create", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        Assert.Contains("La «Fecha de ingreso» «31/02/2026» no es una fecha válida. Escríbala como dd/mm/aaaa", html);
        Assert.Contains("La «Fecha de retiro» «mañana» no es una fecha válida.", html);
        Assert.Contains("El «Nivel jerárquico» «Gerente» no es válido.", html);
        Assert.Contains("El «Tipo de vinculación» «99» no es válido.", html);
        Assert.Contains("La «Dependencia» elegida no es válida.", html);
        Assert.Contains("El «Jefe inmediato» elegido no es válido.", html);
        Assert.Matches("<input[^>]*aria-invalid=\"true\"[^>]*id=\"Input_HireDate\"", html);
        Assert.DoesNotMatch("<input[^>]*aria-invalid=\"true\"[^>]*id=\"Input_FirstNames\"", html);
        Assert.DoesNotContain("is not valid", html);
        Assert.DoesNotContain("The value", html);
        // What was typed stays in the form.
        Assert.Contains("value=\"Lina María\"", html);
        Assert.Contains("value=\"lina.malformada@egi-demo.gov.co\"", html);
        Assert.Contains("value=\"31/02/2026\"", html);
        Assert.False(await fx.App.WithDbAsync(d => d.Servants.AnyAsync(s => s.DocumentNumber == "1098000004")));
    }

    [Fact]
    public async Task An_empty_form_names_every_required_field()
    {
        var response = await (await TalentoHumano()).PostFormAsync("/Directory/Servants/Create", []);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.TextAsync();
        foreach (var field in new[] { "Número de documento", "Nombres", "Apellidos", "Correo institucional", "Denominación del empleo", "Fecha de ingreso" })
            Assert.Contains($"El campo «{field}» es obligatorio", html);
        Assert.Contains("Elija el «Nivel jerárquico»", html);
        Assert.Contains("Elija la «Dependencia».", html);
        Assert.Contains("Elija el «Tipo de vinculación».", html);
    }

    [Fact]
    public async Task Editing_changes_the_fields_relinks_the_account_and_audits_before_and_after()
    {
        var id = await fx.IdOfAsync("1024567890"); // Daniel Esteban Quiroga Mora, grado 17
        var client = await TalentoHumano();
        var edit = await client.PageAsync($"/Directory/Servants/Edit/{id}");
        Assert.Contains("value=\"Quiroga Mora\"", edit);
        Assert.Contains("value=\"2021-09-06\"", edit);

        var form = await EditFormAsync(id, ("JobGrade", "18"), ("Email", "daniel.quiroga.mora@egi-demo.gov.co"), ("Level", "Asesor"));
        var response = await client.PostFormAsync($"/Directory/Servants/Edit/{id}", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Directory/Servants/Details/{id}", response.Headers.Location!.OriginalString);

        var saved = await fx.App.WithDbAsync(d => d.Servants.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal("18", saved.JobGrade);
        Assert.Equal(HierarchyLevel.Asesor, saved.Level);
        Assert.Equal("daniel.quiroga.mora@egi-demo.gov.co", saved.Email);
        var account = await fx.App.WithDbAsync(d => d.Users.AsNoTracking().SingleAsync(u => u.ServantId == id));
        Assert.Equal("daniel.quiroga.mora@egi-demo.gov.co", account.Email);

        var audit = await fx.App.WithDbAsync(d => d.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "Servidor" && a.EntityId == S(id) && a.Action == "Modificar").ToListAsync());
        var line = Assert.Single(audit);
        Assert.Contains("\"JobGrade\":\"17\"", line.Before);
        Assert.Contains("\"JobGrade\":\"18\"", line.After);

        var details = await client.PageAsync($"/Directory/Servants/Details/{id}");
        Assert.Contains("Se guardaron los cambios de Daniel Esteban Quiroga Mora.", details);
        Assert.Contains("Grado: «17» → «18»", details);
        Assert.Contains("Nivel jerárquico: Profesional → Asesor", details);
    }

    [Fact]
    public async Task The_boss_cannot_be_the_person_themself()
    {
        var id = await fx.IdOfAsync("1026345678"); // Santiago Bermúdez Gil
        var response = await (await TalentoHumano()).PostFormAsync($"/Directory/Servants/Edit/{id}", await EditFormAsync(id, ("BossId", S(id))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("El jefe inmediato no puede ser la misma persona.", await response.TextAsync());
        Assert.NotEqual(id, await fx.App.WithDbAsync(d => d.Servants.Where(s => s.Id == id).Select(s => s.BossId).SingleAsync()));
    }

    [Fact]
    public async Task A_boss_typed_in_the_search_box_without_choosing_is_taken_by_document_or_refused_by_field()
    {
        var client = await TalentoHumano();
        var form = await NewServantAsync("1098000041", "jefe.buscado@egi-demo.gov.co", bossDocument: null);
        form["Input.BossSearch"] = "zzqx nadie";
        var nobody = await client.PostFormAsync("/Directory/Servants/Create", form);
        var html = await nobody.Content.ReadAsStringAsync();
        Assert.Contains("Ningún servidor activo coincide con «zzqx nadie» en «Jefe inmediato».", System.Net.WebUtility.HtmlDecode(html));
        Assert.Equal(0, await fx.App.WithDbAsync(d => d.Servants.CountAsync(s => s.DocumentNumber == "1098000041")));

        form["Input.BossSearch"] = "egi-demo.gov.co"; // every e-mail: more than the list shows, listed for a choice
        var several = System.Net.WebUtility.HtmlDecode(await (await client.PostFormAsync("/Directory/Servants/Create", form)).Content.ReadAsStringAsync());
        Assert.Contains("«egi-demo.gov.co» coincide con más de 20 servidores en «Jefe inmediato»", several);
        Assert.Contains("<optgroup label=\"Resultados de «egi-demo.gov.co»\" data-group=\"resultados\">", several);

        form["Input.BossSearch"] = "53123456";
        var saved = await client.PostFormAsync("/Directory/Servants/Create", form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(await fx.IdOfAsync("53123456"),
            await fx.App.WithDbAsync(d => d.Servants.Where(s => s.DocumentNumber == "1098000041").Select(s => s.BossId).SingleAsync()));
    }

    [Fact]
    public async Task A_boss_cycle_is_refused()
    {
        // Felipe Navarro (Subdirector de Energía) ← Adriana Forero ← Daniel Quiroga: Felipe cannot report to Adriana.
        var felipe = await fx.IdOfAsync("80123987");
        var adriana = await fx.IdOfAsync("53123456");
        var response = await (await TalentoHumano()).PostFormAsync($"/Directory/Servants/Edit/{felipe}", await EditFormAsync(felipe, ("BossId", S(adriana))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Adriana Marcela Forero Cano ya depende (directa o indirectamente) de esta persona: se formaría un ciclo de jefes.", await response.TextAsync());
        Assert.Equal(await fx.IdOfAsync("79512340"), await fx.App.WithDbAsync(d => d.Servants.Where(s => s.Id == felipe).Select(s => s.BossId).SingleAsync()));

        // Two levels down: someone who reports to Adriana (the check walks the new jefe's chain upward, level by level).
        var (below, name) = await fx.App.WithDbAsync(async d => await d.Servants.Where(s => s.BossId == adriana).OrderBy(s => s.Id)
            .Select(s => new ValueTuple<int, string>(s.Id, s.FirstNames + " " + s.LastNames)).FirstAsync());
        var indirect = await (await TalentoHumano()).PostFormAsync($"/Directory/Servants/Edit/{felipe}", await EditFormAsync(felipe, ("BossId", S(below))));
        Assert.Equal(HttpStatusCode.OK, indirect.StatusCode);
        Assert.Contains($"{name} ya depende (directa o indirectamente) de esta persona: se formaría un ciclo de jefes.", await indirect.TextAsync());
        Assert.Equal(await fx.IdOfAsync("79512340"), await fx.App.WithDbAsync(d => d.Servants.Where(s => s.Id == felipe).Select(s => s.BossId).SingleAsync()));
    }

    [Fact]
    public async Task A_retired_person_cannot_be_chosen_as_boss()
    {
        var id = await fx.IdOfAsync("1016789012"); // Ana María Vélez Arango
        var retired = await fx.IdOfAsync("1021654987"); // Fabián Rojas, retired in the demo
        var response = await (await TalentoHumano()).PostFormAsync($"/Directory/Servants/Edit/{id}", await EditFormAsync(id, ("BossId", S(retired))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Fabián Andrés Rojas Vanegas está retirado(a) desde el 31/08/2026: elija un jefe inmediato activo.", await response.TextAsync());
    }

    [Fact]
    public async Task Retiring_sets_the_date_keeps_the_row_and_makes_the_servant_not_evaluable()
    {
        var id = await fx.IdOfAsync("1015678234"); // Valentina Rueda Camacho, provisional
        var client = await TalentoHumano();
        var confirm = await client.PageAsync($"/Directory/Servants/Retire/{id}");
        Assert.Contains("value=\"2026-11-24\"", confirm); // defaults to today
        Assert.Contains("no se elimina", confirm);

        var response = await client.PostFormAsync($"/Directory/Servants/Retire/{id}", new()
        {
            ["Input.RetirementDate"] = "2026-11-24",
            ["Input.Reason"] = "Renuncia aceptada",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var saved = await fx.App.WithDbAsync(d => d.Servants.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal(new DateOnly(2026, 11, 24), saved.RetirementDate);
        var retireLine = await fx.App.WithDbAsync(d => d.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.EntityType == "Servidor" && a.EntityId == S(id) && a.Action == "Retirar"));
        Assert.Contains("Motivo: Renuncia aceptada", retireLine.Summary);

        var details = await client.PageAsync($"/Directory/Servants/Details/{id}");
        Assert.Contains(">No evaluable</span>", details);
        Assert.Contains("Retirado desde el 24/11/2026: no se evalúa.", details);
        Assert.Contains("href=\"/Directory/Servants/Reinstate/" + id + "\"", details);

        Assert.DoesNotContain("Rueda Camacho, Valentina", ServantsHtml.ListedNames(await client.PageAsync("/Directory/Servants?q=rueda")));
        Assert.Contains("Rueda Camacho, Valentina", ServantsHtml.ListedNames(await client.PageAsync("/Directory/Servants?q=rueda&estado=retirados")));
    }

    [Fact]
    public async Task Retiring_a_boss_keeps_the_links_and_the_list_asks_to_reassign()
    {
        var zapata = await fx.IdOfAsync("71234567"); // Subdirector de Minería, 8 active people report to him
        var client = await TalentoHumano();
        var confirm = await client.PageAsync($"/Directory/Servants/Retire/{zapata}");
        Assert.Contains("8 persona(s) activa(s) tienen a Ricardo León Zapata Henao como jefe inmediato", confirm);

        var response = await client.PostFormAsync($"/Directory/Servants/Retire/{zapata}", new() { ["Input.RetirementDate"] = "2026-11-20" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(9, await fx.App.WithDbAsync(d => d.Servants.CountAsync(s => s.BossId == zapata))); // links kept, incl. the retired one

        var list = await client.PageAsync("/Directory/Servants?q=1037654321");
        Assert.Contains("Jefe retirado: reasignar", ServantsHtml.RowOf(list, "Arbeláez Correa, Mateo"));

        // An unrelated edit of someone whose boss retired is still possible (the boss is kept until reassigned).
        var mateo = await fx.IdOfAsync("1037654321");
        var edit = await client.PageAsync($"/Directory/Servants/Edit/{mateo}");
        Assert.Contains("El jefe inmediato actual, Ricardo León Zapata Henao, está retirado(a) desde el 20/11/2026", edit);
        var saved = await client.PostFormAsync($"/Directory/Servants/Edit/{mateo}", await EditFormAsync(mateo, ("JobGrade", "20")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    [Fact]
    public async Task A_retirement_date_that_is_not_a_date_or_before_hire_is_refused()
    {
        var id = await fx.IdOfAsync("1017234890"); // Cristian Camilo Marín Sierra, ingresó 22/03/2022
        var client = await TalentoHumano();
        var bad = await client.PostFormAsync($"/Directory/Servants/Retire/{id}", new() { ["Input.RetirementDate"] = "ayer", ["Input.Reason"] = "Prueba" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var html = await bad.TextAsync();
        Assert.Contains("La «Fecha de retiro» «ayer» no es una fecha válida.", html);
        Assert.Matches(">\\s*Prueba</textarea>", html);

        var early = await client.PostFormAsync($"/Directory/Servants/Retire/{id}", new() { ["Input.RetirementDate"] = "2021-01-01" });
        Assert.Contains("no puede ser anterior a la fecha de ingreso (22/03/2022)", await early.TextAsync());
        Assert.Null(await fx.App.WithDbAsync(d => d.Servants.Where(s => s.Id == id).Select(s => s.RetirementDate).SingleAsync()));
    }

    [Fact]
    public async Task Reinstating_clears_the_retirement_date_after_confirmation()
    {
        var id = await fx.IdOfAsync("1025876543"); // Wilson Benítez Largo
        var client = await TalentoHumano();
        await client.PostFormAsync($"/Directory/Servants/Retire/{id}", new() { ["Input.RetirementDate"] = "2026-11-01" });
        Assert.NotNull(await fx.App.WithDbAsync(d => d.Servants.Where(s => s.Id == id).Select(s => s.RetirementDate).SingleAsync()));

        var confirm = await client.PageAsync($"/Directory/Servants/Reinstate/{id}");
        Assert.Contains("Fecha de retiro registrada: <strong>01/11/2026</strong>", confirm);
        var response = await client.PostFormAsync($"/Directory/Servants/Reinstate/{id}", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        Assert.Null(await fx.App.WithDbAsync(d => d.Servants.Where(s => s.Id == id).Select(s => s.RetirementDate).SingleAsync()));
        Assert.True(await fx.App.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.EntityType == "Servidor" && a.EntityId == S(id) && a.Action == "Reintegrar")));
        var details = await client.PageAsync($"/Directory/Servants/Details/{id}");
        Assert.Contains("Se reintegró a Wilson Benítez Largo", details);
        Assert.Contains(">Evaluable</span>", details);
    }
}

public sealed class ServantsEditingTestsSqlite(ServantsSqliteFixture fx) : ServantsEditingTests(fx), IClassFixture<ServantsSqliteFixture>;

public sealed class ServantsEditingTestsPostgres(ServantsPostgresFixture fx) : ServantsEditingTests(fx), IClassFixture<ServantsPostgresFixture>;
