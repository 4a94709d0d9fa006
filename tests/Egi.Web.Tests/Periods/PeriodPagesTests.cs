using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Egi.Domain.Calendar;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Egi.Web.Tests.Periods.PeriodsTestSupport;

namespace Egi.Web.Tests.Periods;

/// <summary>
/// The periods pages of Talento Humano. The tests share one application per database; each one
/// works on a year of its own so they do not see each other's changes.
/// </summary>
public abstract class PeriodPagesTests(EgiAppFactory app)
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private Task<HttpClient> TalentoHumanoAsync() => app.SignedInAsync(Accounts.TalentoHumano);

    private Task<int> IdOfYearAsync(int year) => app.WithDbAsync(db => db.Periods.Where(p => p.Year == year).Select(p => p.Id).SingleAsync());

    // ---------- Index ----------

    [Fact]
    public async Task Index_lists_the_demo_period_with_each_window_and_whether_it_is_open_today()
    {
        var client = await TalentoHumanoAsync();
        var text = await TextOf(await client.GetAsync("/Periods"));

        Assert.Contains("Vigencia 2026", text);
        Assert.Contains("Hoy es 24/11/2026", text);
        Assert.Contains("Formulación y concertación de metas: 01/01/2026 – 31/03/2026 cerrada", text);
        Assert.Contains("Consolidación etapa 2: 01/07/2026 – 31/12/2026 abierta hoy", text);
        Assert.Contains("Segundo seguimiento (autoevaluación II) y competencias: 01/01/2027 – 28/02/2027 cerrada", text);
        Assert.Contains("Crear vigencia", text);
    }

    // ---------- Create ----------

    [Fact]
    public async Task Creating_2027_suggests_it_and_prefills_the_seven_windows_of_spec_section_3()
    {
        var client = await TalentoHumanoAsync();
        var form = await (await client.GetAsync("/Periods/Create")).Content.ReadAsStringAsync();
        Assert.Contains("value=\"2027\"", form);
        Assert.Contains("value=\"Vigencia 2027\"", form);
        var preview = Text(form);
        Assert.Contains("Formulación y concertación de metas 4–6 01/01/2027 31/03/2027", preview);
        Assert.Contains("Segundo seguimiento (autoevaluación II) y competencias 12–15 01/01/2028 29/02/2028", preview);

        var response = await client.PostFormAsync("/Periods/Create", new() { ["Input.Year"] = "2027", ["Input.Name"] = "Vigencia 2027" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = await IdOfYearAsync(2027);
        Assert.Equal($"/Periods/Windows/{id}", response.Headers.Location!.OriginalString);
        var period = await app.LoadPeriodAsync(id);
        Assert.Equal("Vigencia 2027", period.Name);
        Assert.Equal(PeriodStatus.Preparation, period.Status);
        var windows = period.Windows.OrderBy(w => w.Stage).Select(w => (w.Stage, w.Start, w.End)).ToList();
        Assert.Equal(
        [
            (Stage.GoalSetting, D(2027, 1, 1), D(2027, 3, 31)),
            (Stage.Stage1Consolidation, D(2027, 1, 1), D(2027, 6, 30)),
            (Stage.FirstFollowUp, D(2027, 1, 1), D(2027, 6, 30)),
            (Stage.Stage2Consolidation, D(2027, 7, 1), D(2027, 12, 31)),
            (Stage.SecondFollowUp, D(2028, 1, 1), D(2028, 2, 29)),
            (Stage.AnnualConsolidation, D(2028, 1, 1), D(2028, 6, 30)),
            (Stage.Improvement, D(2028, 1, 1), D(2028, 6, 30)),
        ], windows);
        Assert.All(PeriodSettings.Sources.Keys, k => Assert.True(period.Settings.IsDefault(k), k));

        var windowsPage = await client.GetAsync(response.Headers.Location);
        var html = await windowsPage.Content.ReadAsStringAsync();
        Assert.Contains("Se creó la «Vigencia 2027»", Text(html));
        Assert.Contains("value=\"2028-02-29\"", html);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "Crear" && a.EntityType == "Vigencia" && a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task A_second_period_for_the_same_year_is_refused()
    {
        var client = await TalentoHumanoAsync();
        var response = await client.PostFormAsync("/Periods/Create", new() { ["Input.Year"] = "2026", ["Input.Name"] = "Otra vigencia 2026" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Ya existe una vigencia para el año 2026", await TextOf(response));
        Assert.Equal(1, await app.WithDbAsync(db => db.Periods.CountAsync(p => p.Year == 2026)));
    }

    [Theory]
    [InlineData("1999", "El «Año» debe estar entre 2000 y 2100")]
    [InlineData("2101", "El «Año» debe estar entre 2000 y 2100")]
    [InlineData("dos mil", "Escriba el «Año» con cuatro dígitos")]
    [InlineData("", "Escriba el «Año» con cuatro dígitos")]
    public async Task An_invalid_year_is_refused_in_spanish_and_kept_in_the_form(string year, string message)
    {
        var client = await TalentoHumanoAsync();
        var before = await app.WithDbAsync(db => db.Periods.CountAsync());
        var response = await client.PostFormAsync("/Periods/Create", new() { ["Input.Year"] = year, ["Input.Name"] = "Vigencia rara" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, Text(html));
        if (year.Length > 0) Assert.Contains($"value=\"{year}\"", html);
        Assert.Contains("value=\"Vigencia rara\"", html);
        Assert.Equal(before, await app.WithDbAsync(db => db.Periods.CountAsync()));
    }

    [Fact]
    public async Task A_name_is_required()
    {
        var client = await TalentoHumanoAsync();
        var response = await client.PostFormAsync("/Periods/Create", new() { ["Input.Year"] = "2070", ["Input.Name"] = "  " });
        Assert.Contains("Escriba el «Nombre» de la vigencia", await TextOf(response));
        Assert.False(await app.WithDbAsync(db => db.Periods.AnyAsync(p => p.Year == 2070)));
    }

    [Fact]
    public async Task The_preview_shows_the_windows_of_the_year_typed_without_creating_it()
    {
        var client = await TalentoHumanoAsync();
        var response = await client.PostFormAsync("/Periods/Create?handler=Preview", new() { ["Input.Year"] = "2031", ["Input.Name"] = "Vigencia 2027" }, getUrl: "/Periods/Create");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("01/01/2032 29/02/2032", Text(html)); // 2032 is a leap year
        Assert.Contains("value=\"Vigencia 2031\"", html);
        Assert.False(await app.WithDbAsync(db => db.Periods.AnyAsync(p => p.Year == 2031)));
    }

    [Fact]
    public async Task After_the_preview_the_create_button_creates_the_period()
    {
        // The preview is answered at /Periods/Create?handler=Preview: its form must still post «Crear vigencia» to the
        // page's default handler (it used to post to the preview again, so the period was never created).
        var client = await TalentoHumanoAsync();
        var preview = await client.PostFormAsync("/Periods/Create?handler=Preview", new() { ["Input.Year"] = "2033", ["Input.Name"] = "Vigencia 2033" }, getUrl: "/Periods/Create");
        var html = await preview.Content.ReadAsStringAsync();
        var form = Regex.Match(html[html.IndexOf("<main", StringComparison.Ordinal)..], "<form method=\"post\"[^>]*>").Value; // not the menu's «Salir»
        var action = Regex.Match(form, "action=\"([^\"]*)\"");
        Assert.True(action.Success, $"The creation form has no explicit action: {form}");
        var target = WebUtility.HtmlDecode(action.Groups[1].Value);
        Assert.Equal("/Periods/Create", target);

        var created = await client.PostFormAsync(target, new() { ["Input.Year"] = "2033", ["Input.Name"] = "Vigencia 2033" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Periods.AnyAsync(p => p.Year == 2033)));
    }

    // ---------- Windows ----------

    [Fact]
    public async Task A_window_that_starts_after_it_ends_is_refused_and_nothing_is_saved()
    {
        var id = await app.AddPeriodAsync(2041);
        var client = await TalentoHumanoAsync();

        var response = await client.PostFormAsync($"/Periods/Windows/{id}", WindowsForm(2041,
            (Stage.GoalSetting, "2041-04-01", "2041-03-01"),
            (Stage.FirstFollowUp, "2041-01-01", "2041-07-15")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("«Formulación y concertación de metas»: la fecha de inicio (01/04/2041) debe ser anterior a la de cierre (01/03/2041)", Text(html));
        Assert.Contains("No se guardó ningún cambio", Text(html));
        Assert.Contains("value=\"2041-04-01\"", html); // what was typed is kept
        Assert.Contains("value=\"2041-07-15\"", html);
        var period = await app.LoadPeriodAsync(id);
        Assert.Equal(D(2041, 3, 31), period.Window(Stage.GoalSetting).End);
        Assert.Equal(D(2041, 6, 30), period.Window(Stage.FirstFollowUp).End); // the valid row was not saved either
    }

    [Fact]
    public async Task A_window_outside_the_period_is_refused()
    {
        var id = await app.AddPeriodAsync(2042);
        var client = await TalentoHumanoAsync();

        var late = await client.PostFormAsync($"/Periods/Windows/{id}", WindowsForm(2042, (Stage.Improvement, "2043-01-01", "2044-01-01")));
        Assert.Contains("«Mejoramiento individual»: las fechas deben estar entre el 01/01/2042 y el 31/12/2043", await TextOf(late));

        var early = await client.PostFormAsync($"/Periods/Windows/{id}", WindowsForm(2042, (Stage.GoalSetting, "31/12/2041", "31/03/2042")));
        Assert.Contains("«Formulación y concertación de metas»: las fechas deben estar entre el 01/01/2042 y el 31/12/2043", await TextOf(early));

        var garbage = await client.PostFormAsync($"/Periods/Windows/{id}", WindowsForm(2042, (Stage.Stage1Consolidation, "mañana", "")));
        var text = await TextOf(garbage);
        Assert.Contains("«Consolidación etapa 1»: la fecha de inicio no es válida", text);
        Assert.Contains("«Consolidación etapa 1»: la fecha de cierre no es válida", text);

        var period = await app.LoadPeriodAsync(id);
        Assert.Equal(StageInfo.All.Select(s => s.DefaultWindow(2042)), period.Windows.OrderBy(w => w.Stage));
    }

    [Fact]
    public async Task A_valid_edit_is_saved_and_audited_with_before_and_after()
    {
        var id = await app.AddPeriodAsync(2043);
        var client = await TalentoHumanoAsync();

        var response = await client.PostFormAsync($"/Periods/Windows/{id}", WindowsForm(2043,
            (Stage.GoalSetting, "2043-01-15", "2043-04-15"),
            (Stage.Improvement, "01/02/2044", "31/12/2044"))); // dd/MM/yyyy typed by hand is understood too

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Periods/Details/{id}", response.Headers.Location!.OriginalString);
        var period = await app.LoadPeriodAsync(id);
        Assert.Equal(new StageWindow(Stage.GoalSetting, D(2043, 1, 15), D(2043, 4, 15)), period.Window(Stage.GoalSetting));
        Assert.Equal(new StageWindow(Stage.Improvement, D(2044, 2, 1), D(2044, 12, 31)), period.Window(Stage.Improvement));
        Assert.Equal(7, period.Windows.Count);

        var audit = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.EntityType == "Vigencia" && a.EntityId == id.ToString() && a.Summary == "Ventanas de etapa"));
        Assert.Equal("Modificar", audit.Action);
        Assert.Equal(Accounts.TalentoHumano, audit.UserName);
        Assert.Contains("01/01/2043", audit.Before);
        Assert.Contains("31/03/2043", audit.Before);
        Assert.Contains("15/04/2043", audit.After);
        Assert.DoesNotContain("15/04/2043", audit.Before);

        var details = await TextOf(await client.GetAsync($"/Periods/Details/{id}"));
        Assert.Contains("Se guardaron las ventanas de la «Vigencia 2043»", details);
        Assert.Contains("Formulación y concertación de metas 4–6 15/01/2043 15/04/2043", details);
        Assert.Contains("Modificada (predeterminada: 01/01/2043 – 31/03/2043)", details);
    }

    [Fact]
    public async Task Restoring_the_default_windows_saves_them()
    {
        var id = await app.AddPeriodAsync(2044);
        var client = await TalentoHumanoAsync();
        Assert.Equal(HttpStatusCode.Redirect,
            (await client.PostFormAsync($"/Periods/Windows/{id}", WindowsForm(2044, (Stage.SecondFollowUp, "2045-01-10", "2045-03-10")))).StatusCode);
        Assert.Equal(D(2045, 3, 10), (await app.LoadPeriodAsync(id)).Window(Stage.SecondFollowUp).End);

        var reset = await client.PostFormAsync($"/Periods/Windows/{id}?handler=Reset", WindowsForm(2044), getUrl: $"/Periods/Windows/{id}");

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var period = await app.LoadPeriodAsync(id);
        Assert.Equal(StageInfo.All.Select(s => s.DefaultWindow(2044)), period.Windows.OrderBy(w => w.Stage));
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == id.ToString() && a.Summary == "Ventanas de etapa")));
    }

    // ---------- Settings ----------

    [Theory]
    [InlineData(2051, "Input.CompetenciesWeight", "20", "Input.GoalsWeight", "85", "Los pesos de metas y competencias deben sumar 100 % (suman 105 %)")]
    [InlineData(2052, "Input.GoalsWeight", "80", "Input.CompetenciesWeight", "15", "deben sumar 100 % (suman 95 %)")]
    [InlineData(2053, "Input.MinGoals", "4", "Input.MaxGoals", "3", "El «Máximo de metas» no puede ser menor que el mínimo")]
    [InlineData(2054, "Input.OutstandingFrom", "65", "Input.UnsatisfactoryUpTo", "90", "El umbral de «No satisfactorio» debe ser menor que el de «Sobresaliente»")]
    [InlineData(2055, "Input.CompetencyScale[3].Value", "3", "Input.CompetencyScale[3].Label", "Siempre", "deben ir de menor a mayor, sin repetirse")]
    [InlineData(2056, "Input.AllowedEvidenceTypes", "pdf, exe", "Input.MaxEvidenceSizeMb", "10", "Tipos de archivo no admitidos: exe")]
    [InlineData(2057, "Input.MaxGoals", "cinco", "Input.MinGoals", "1", "«Máximo de metas» debe ser un número entero")]
    [InlineData(2058, "Input.OutstandingFrom", "89,5,1", "Input.MinGoals", "1", "«Sobresaliente desde (puntaje)» debe ser un número, con coma o punto decimal")]
    [InlineData(2059, "Input.CompetencyScale[4].Value", "5", "Input.CompetencyScale[4].Label", "", "fila 5: escriba el nombre del nivel")]
    public async Task Invalid_settings_are_refused_next_to_the_field_and_nothing_is_saved(int year, string field1, string value1, string field2, string value2, string message)
    {
        var id = await app.AddPeriodAsync(year);
        var client = await TalentoHumanoAsync();

        var response = await client.PostFormAsync($"/Periods/Settings/{id}", SettingsForm((field1, value1), (field2, value2)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var text = Text(html);
        Assert.Contains(message, text);
        Assert.Contains("No se guardó la configuración", text);
        Assert.Contains($"value=\"{value1}\"", html); // what was typed is kept
        var saved = (await app.LoadPeriodAsync(id)).Settings;
        Assert.All(PeriodSettings.Sources.Keys, k => Assert.True(saved.IsDefault(k), k));
    }

    [Fact]
    public async Task Decimal_thresholds_accept_comma_and_point_and_the_change_is_audited()
    {
        var id = await app.AddPeriodAsync(2045);
        var client = await TalentoHumanoAsync();

        var comma = await client.PostFormAsync($"/Periods/Settings/{id}", SettingsForm(("Input.OutstandingFrom", "89,5")));
        Assert.Equal(HttpStatusCode.Redirect, comma.StatusCode);
        Assert.Equal(89.5m, (await app.LoadPeriodAsync(id)).Settings.OutstandingFrom);

        var point = await client.PostFormAsync($"/Periods/Settings/{id}", SettingsForm(("Input.OutstandingFrom", "89,5"), ("Input.UnsatisfactoryUpTo", "64.75")));
        Assert.Equal(HttpStatusCode.Redirect, point.StatusCode);
        var settings = (await app.LoadPeriodAsync(id)).Settings;
        Assert.Equal(89.5m, settings.OutstandingFrom);
        Assert.Equal(64.75m, settings.UnsatisfactoryUpTo);

        var audits = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == id.ToString() && a.Summary == "Configuración").OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(2, audits.Count);
        Assert.Contains("\"OutstandingFrom\":90", audits[0].Before);
        Assert.Contains("\"OutstandingFrom\":89.5", audits[0].After);

        var details = await TextOf(await client.GetAsync($"/Periods/Details/{id}"));
        Assert.Contains("Sobresaliente desde (puntaje) ≥ 89,5 Modificado Predeterminado: ≥ 90 Escala de la EDL: Sobresaliente ≥ 90", details);
        Assert.Contains("No satisfactorio hasta (puntaje) ≤ 64,75 Modificado", details);
        Assert.Contains("Máximo de metas 5 Predeterminado SPEC §4: entre 1 y 5 metas", details);

        var form = await (await client.GetAsync($"/Periods/Settings/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("value=\"89,5\"", form);
        Assert.Contains("value=\"64,75\"", form);
    }

    [Fact]
    public async Task A_scale_of_five_levels_is_saved_and_empty_rows_are_ignored()
    {
        var id = await app.AddPeriodAsync(2046);
        var client = await TalentoHumanoAsync();

        var response = await client.PostFormAsync($"/Periods/Settings/{id}", SettingsForm(
            ("Input.CompetencyScale[3].Label", "Casi siempre"),
            ("Input.CompetencyScale[6].Label", "Siempre"),
            ("Input.CompetencyScale[6].Value", "5"),
            ("Input.MaxGoals", "4"),
            ("Input.AllowedEvidenceTypes", "pdf, .DOCX, odt")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var s = (await app.LoadPeriodAsync(id)).Settings;
        Assert.Equal([("Nunca", 1), ("Algunas veces", 2), ("Frecuentemente", 3), ("Casi siempre", 4), ("Siempre", 5)], s.CompetencyScale.Select(l => (l.Label, l.Value)));
        Assert.Equal(4, s.MaxGoals);
        Assert.Equal(["pdf", "docx", "odt"], s.EvidenceTypes);
    }

    [Fact]
    public async Task Restoring_the_default_settings_works()
    {
        var id = await app.AddPeriodAsync(2047);
        var client = await TalentoHumanoAsync();
        await client.PostFormAsync($"/Periods/Settings/{id}", SettingsForm(("Input.GoalsWeight", "70"), ("Input.CompetenciesWeight", "30"), ("Input.DisagreementRounds", "3")));
        Assert.Equal(70, (await app.LoadPeriodAsync(id)).Settings.GoalsWeight);

        var reset = await client.PostFormAsync($"/Periods/Settings/{id}?handler=Reset", new(), getUrl: $"/Periods/Settings/{id}");

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var s = (await app.LoadPeriodAsync(id)).Settings;
        Assert.All(PeriodSettings.Sources.Keys, k => Assert.True(s.IsDefault(k), k));
        var details = await TextOf(await client.GetAsync($"/Periods/Details/{id}"));
        Assert.Contains("Se restablecieron los valores predeterminados", details);
        Assert.DoesNotContain("Modificado", details);
    }

    [Fact]
    public async Task A_closed_period_refuses_changes_to_its_settings_and_windows()
    {
        var id = await app.AddPeriodAsync(2048, PeriodStatus.Closed);
        var client = await TalentoHumanoAsync();

        var settings = await client.PostFormAsync($"/Periods/Settings/{id}", SettingsForm(("Input.MaxGoals", "4")));
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.Contains("La «Vigencia 2048» está cerrada: no se puede modificar su configuración", await TextOf(settings));

        var reset = await client.PostFormAsync($"/Periods/Settings/{id}?handler=Reset", new(), getUrl: $"/Periods/Settings/{id}");
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);

        var windows = await client.PostFormAsync($"/Periods/Windows/{id}", WindowsForm(2048, (Stage.GoalSetting, "2048-01-01", "2048-04-30")));
        Assert.Contains("La «Vigencia 2048» está cerrada: no se pueden modificar sus ventanas de etapa", await TextOf(windows));

        var period = await app.LoadPeriodAsync(id);
        Assert.Equal(5, period.Settings.MaxGoals);
        Assert.Equal(D(2048, 3, 31), period.Window(Stage.GoalSetting).End);
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == id.ToString() && a.Action == "Modificar")));
    }

    // ---------- Details, open and close ----------

    [Fact]
    public async Task Details_show_the_calendar_with_holidays_and_working_days_and_the_settings_with_their_sources()
    {
        var id = await IdOfYearAsync(2026);
        var client = await TalentoHumanoAsync();
        var text = await TextOf(await client.GetAsync($"/Periods/Details/{id}"));

        Assert.Contains("Estado: En preparación", text);
        Assert.Contains("Formulación y concertación de metas 4–6 01/01/2026 31/03/2026 cerrada 61 3 festivos 01/01/2026: Año Nuevo 12/01/2026: Día de los Reyes Magos 23/03/2026: Día de San José P-TH-10, actividades 4–6: «Anual (primer trimestre)» Ventana predeterminada", text);
        Assert.Contains("Consolidación etapa 2 11 01/07/2026 31/12/2026 abierta hoy", text);
        Assert.Contains("Peso de las metas (%) 85 % Predeterminado Reparto 85/15 del sistema nacional de EDL", text);
        Assert.Contains("Escala de competencias Nunca = 1; Algunas veces = 2; Frecuentemente = 3; Siempre = 4 Predeterminado", text[text.IndexOf("Escala de competencias", StringComparison.Ordinal)..]);
        Assert.Contains("Tipos de archivo de evidencia pdf, docx, xlsx, pptx, png, jpg Predeterminado SPEC §4: pdf, docx, xlsx, pptx, png, jpg", text);
        Assert.Contains("Abrir vigencia", text);
        Assert.DoesNotContain("Cerrar vigencia", text);
    }

    [Fact]
    public async Task Unknown_period_is_a_404()
    {
        var client = await TalentoHumanoAsync();
        foreach (var url in new[] { "/Periods/Details/999999", "/Periods/Windows/999999", "/Periods/Settings/999999" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task A_period_is_opened_then_closed_each_time_with_confirmation()
    {
        var id = await app.AddPeriodAsync(2049);
        var client = await TalentoHumanoAsync();
        var page = $"/Periods/Details/{id}";

        var unconfirmed = await client.PostFormAsync($"{page}?handler=Open", new(), getUrl: page);
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Marque la casilla para confirmar que desea abrir la «Vigencia 2049»", await TextOf(unconfirmed));
        Assert.Equal(PeriodStatus.Preparation, (await app.LoadPeriodAsync(id)).Status);

        var open = await client.PostFormAsync($"{page}?handler=Open", new() { ["Confirm"] = "true" }, getUrl: page);
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Equal(PeriodStatus.Open, (await app.LoadPeriodAsync(id)).Status);
        var openText = await TextOf(await client.GetAsync(page));
        Assert.Contains("Se abrió la «Vigencia 2049»", openText);
        Assert.Contains("Estado: Abierta", openText);
        Assert.Contains("Cerrar vigencia", openText);

        var again = await client.PostFormAsync($"{page}?handler=Open", new() { ["Confirm"] = "true" }, getUrl: page);
        Assert.Contains("La «Vigencia 2049» ya está abierta", await TextOf(again));

        var closeUnconfirmed = await client.PostFormAsync($"{page}?handler=Close", new(), getUrl: page);
        Assert.Contains("Marque la casilla para confirmar que desea cerrar la «Vigencia 2049»", await TextOf(closeUnconfirmed));
        Assert.Equal(PeriodStatus.Open, (await app.LoadPeriodAsync(id)).Status);

        var close = await client.PostFormAsync($"{page}?handler=Close", new() { ["Confirm"] = "true" }, getUrl: page);
        Assert.Equal(HttpStatusCode.Redirect, close.StatusCode);
        Assert.Equal(PeriodStatus.Closed, (await app.LoadPeriodAsync(id)).Status);

        var reopen = await client.PostFormAsync($"{page}?handler=Open", new() { ["Confirm"] = "true" }, getUrl: "/Periods/Create"); // a closed period has no form
        Assert.Contains("La «Vigencia 2049» está cerrada y no puede volver a abrirse", await TextOf(reopen));
        Assert.Equal(PeriodStatus.Closed, (await app.LoadPeriodAsync(id)).Status);

        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync());
        Assert.Contains("Abrir vigencia", actions);
        Assert.Contains("Cerrar vigencia", actions);
    }

    [Fact]
    public async Task A_period_in_preparation_cannot_be_closed()
    {
        var id = await app.AddPeriodAsync(2090);
        var client = await TalentoHumanoAsync();
        var page = $"/Periods/Details/{id}";

        var close = await client.PostFormAsync($"{page}?handler=Close", new() { ["Confirm"] = "true" }, getUrl: page);

        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        Assert.Contains("La «Vigencia 2090» aún está en preparación: ábrala antes de cerrarla", await TextOf(close));
        Assert.Equal(PeriodStatus.Preparation, (await app.LoadPeriodAsync(id)).Status);
    }

    // ---------- Authorization ----------

    private static readonly string[] Pages = ["/Periods", "/Periods/Create", "/Periods/Details/{id}", "/Periods/Windows/{id}", "/Periods/Settings/{id}"];

    private static readonly string[] Posts =
    [
        "/Periods/Create", "/Periods/Create?handler=Preview",
        "/Periods/Details/{id}?handler=Open", "/Periods/Details/{id}?handler=Close",
        "/Periods/Windows/{id}", "/Periods/Windows/{id}?handler=Reset",
        "/Periods/Settings/{id}", "/Periods/Settings/{id}?handler=Reset",
    ];

    [Fact]
    public async Task Every_page_and_form_sends_an_anonymous_visitor_to_sign_in()
    {
        var id = await IdOfYearAsync(2026);
        var client = app.NewClient();
        foreach (var url in Pages.Select(u => u.Replace("{id}", id.ToString(CultureInfo.InvariantCulture))))
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"GET {url}: {(int)response.StatusCode}");
            Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
        }
        foreach (var url in Posts.Select(u => u.Replace("{id}", id.ToString(CultureInfo.InvariantCulture))))
        {
            var response = await client.PostFormAsync(url, new() { ["Confirm"] = "true", ["Input.Year"] = "2095", ["Input.Name"] = "X" }, getUrl: "/Account/Login");
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"POST {url}: {(int)response.StatusCode}");
            Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
        }
        await AssertDemoPeriodUntouchedAsync(id);
    }

    public static TheoryData<string> OtherRoles => new() { Accounts.Evaluado, Accounts.Consulta, Accounts.Planeacion, Accounts.Jefe };

    [Theory]
    [MemberData(nameof(OtherRoles))]
    public async Task Every_page_and_form_is_forbidden_without_the_talento_humano_role(string email)
    {
        var id = await IdOfYearAsync(2026);
        var client = await app.SignedInAsync(email);
        foreach (var url in Pages.Select(u => u.Replace("{id}", id.ToString(CultureInfo.InvariantCulture))))
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.Forbidden, $"GET {url}");
        foreach (var url in Posts.Select(u => u.Replace("{id}", id.ToString(CultureInfo.InvariantCulture))))
        {
            // A real antiforgery token of this user, so only authorization can refuse.
            var response = await client.PostFormAsync(url, new() { ["Confirm"] = "true", ["Input.Year"] = "2095", ["Input.Name"] = "X" }, getUrl: "/Account/ChangePassword");
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"POST {url}: {(int)response.StatusCode}");
        }
        await AssertDemoPeriodUntouchedAsync(id);
    }

    private async Task AssertDemoPeriodUntouchedAsync(int id)
    {
        Assert.Equal(PeriodStatus.Preparation, (await app.LoadPeriodAsync(id)).Status);
        Assert.False(await app.WithDbAsync(db => db.Periods.AnyAsync(p => p.Year == 2095)));
    }
}

public sealed class PeriodPagesTestsSqlite(PeriodsSqliteApp fixture) : PeriodPagesTests(fixture.App), IClassFixture<PeriodsSqliteApp>;

public sealed class PeriodPagesTestsPostgres(PeriodsPostgresApp fixture) : PeriodPagesTests(fixture.App), IClassFixture<PeriodsPostgresApp>;
