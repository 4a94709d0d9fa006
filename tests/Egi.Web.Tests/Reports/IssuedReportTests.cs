using Egi.Web.Features.Shared;
using System.Globalization;
using System.Net;
using System.Text;
using Egi.Domain.Process;
using Egi.Web.Features.WorkPlan;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;

namespace Egi.Web.Tests.Reports;

/// <summary>
/// Activities 7, 11 and 16: Talento Humano issues the informes de avance and the final report, a dated and frozen snapshot
/// of the consolidation with conclusions and recommendations; issued reports are listed, never change, print (PDF) and
/// are the activity's record in the work plan. The data set is <see cref="ConsolidationApp"/>'s (one per class).
/// </summary>
public abstract class IssuedReportTests(ConsolidationApp fixture)
{
    private const string Entity = "Informe emitido";
    private EgiAppFactory App => fixture.App;
    private string Period => fixture.PeriodId.ToString(CultureInfo.InvariantCulture);

    private string IssueUrl(IssuedReportKind kind) => $"/Reports/Issued/Issue?tipo={kind.Key()}&vigencia={Period}";

    /// <summary>Issues a report as the person and returns its id (from the redirect to its page).</summary>
    private async Task<int> IssueAsync(HttpClient client, IssuedReportKind kind, string conclusions, string recommendations, int? replaces = null)
    {
        var fields = new Dictionary<string, string> { ["Input.Conclusions"] = conclusions, ["Input.Recommendations"] = recommendations };
        if (replaces is { } r) fields["Input.Replaces"] = r.ToString(CultureInfo.InvariantCulture);
        var response = await client.PostFormAsync(IssueUrl(kind), fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/Reports/Issued/Details/", location);
        return int.Parse(location["/Reports/Issued/Details/".Length..], CultureInfo.InvariantCulture);
    }

    private static string Decoded(string html) => WebUtility.HtmlDecode(html);

    [Fact]
    public async Task An_issued_report_keeps_the_figures_of_its_day_when_the_evaluations_change_afterwards()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var live = await fixture.PageAsync(hr, "/Reports/Stage2");
        Assert.Contains($"href=\"{IssueUrl(IssuedReportKind.ProgressII)}\"", Decoded(live), StringComparison.Ordinal);
        var before = HtmlTables.Rows(live, "resumen");
        Assert.Equal(["Total entidad", "29", "26", "1", "2", "0", "6,9 %", "65,00", "2"], before[^1]); // after the statuses: %, average, early warnings

        // The issue form shows the figures it will freeze: the live report's.
        var form = await fixture.PageAsync(hr, IssueUrl(IssuedReportKind.ProgressII));
        Assert.Equal(before, HtmlTables.Rows(form, "tabla-Stage2Summary"));

        var audits = await fixture.AuditCountAsync("Emitir", Entity);
        var id = await IssueAsync(hr, IssuedReportKind.ProgressII, "El 6,9 % de los servidores tiene el primer seguimiento aceptado.", "Recordar a los jefes la aprobación pendiente.");
        Assert.Equal(audits + 1, await fixture.AuditCountAsync("Emitir", Entity));
        var issued = Decoded(await fixture.PageAsync(hr, $"/Reports/Issued/Details/{id}"));
        Assert.Equal(before, HtmlTables.Rows(issued, "tabla-Stage2Summary"));
        Assert.Contains("Informe de avance II — Vigencia 2026", issued, StringComparison.Ordinal);
        Assert.Contains("24/11/2026", issued, StringComparison.Ordinal);
        Assert.Contains("El 6,9 % de los servidores tiene el primer seguimiento aceptado.", issued, StringComparison.Ordinal);

        // Santiago's first follow-up is sent, approved and accepted: the live report changes, the issued one does not.
        var s = fixture.Scenario;
        await s.ActAsync(ConsolidationApp.Santiago, (e, p) => e.SubmitSelfEvaluation(p.Evaluado, 1, ConsolidationApp.Progress(1, 40, 40), p.Context));
        await s.ActAsync(ConsolidationApp.Santiago, (e, p) => e.ApproveSelfEvaluation(p.Evaluator, 1, p.Context));
        await s.ActAsync(ConsolidationApp.Santiago, (e, p) => e.AcceptSelfEvaluation(p.Evaluado, p.Context));
        var after = HtmlTables.Rows(await fixture.PageAsync(hr, "/Reports/Stage2"), "resumen");
        Assert.NotEqual(before[^1], after[^1]);
        Assert.Equal(["Total entidad", "29", "26", "0", "3"], after[^1].Take(5));

        var again = Decoded(await fixture.PageAsync(hr, $"/Reports/Issued/Details/{id}"));
        Assert.Equal(before, HtmlTables.Rows(again, "tabla-Stage2Summary"));
        var pdf = PdfText(await PdfAsync(hr, id));
        Assert.Contains("Total entidad", pdf, StringComparison.Ordinal);
        Assert.Contains("6,9 %", pdf, StringComparison.Ordinal);
        Assert.DoesNotContain("10,3 %", pdf, StringComparison.Ordinal);

        // Nothing in the application changes an issued report: the database context refuses it.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => App.WithDbAsync(async d =>
        {
            var report = await d.Set<IssuedReport>().SingleAsync(r => r.Id == id);
            d.Entry(report).Property(r => r.Conclusions).CurrentValue = "Otro texto";
            return await d.SaveChangesAsync();
        }));
        Assert.Contains("never changes", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_or_too_long_texts_are_explained_in_spanish_and_what_was_typed_stays()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var count = await App.WithDbAsync(d => d.Set<IssuedReport>().CountAsync());
        var response = await hr.PostFormAsync(IssueUrl(IssuedReportKind.ProgressI), new()
        {
            ["Input.Conclusions"] = "   ",
            ["Input.Recommendations"] = "Convocar a los jefes con metas sin aprobar.",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = Decoded(await response.Content.ReadAsStringAsync());
        Assert.Contains("Escriba las «Conclusiones» del informe: qué muestra la consolidación.", html, StringComparison.Ordinal);
        Assert.Contains("Convocar a los jefes con metas sin aprobar.", html, StringComparison.Ordinal);

        var tooLong = await hr.PostFormAsync(IssueUrl(IssuedReportKind.ProgressI), new()
        {
            ["Input.Conclusions"] = "Conclusión.",
            ["Input.Recommendations"] = new string('x', IssuedReportRules.RecommendationsMax + 1),
        });
        Assert.Contains($"Las «Recomendaciones» admiten máximo {IssuedReportRules.RecommendationsMax} caracteres", Decoded(await tooLong.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var unknown = await hr.GetAsync($"/Reports/Issued/Issue?tipo=otro&vigencia={Period}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(count, await App.WithDbAsync(d => d.Set<IssuedReport>().CountAsync()));
    }

    [Fact]
    public async Task Consulta_reads_and_downloads_issued_reports_but_does_not_issue_and_evaluados_and_jefes_are_refused()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var id = await IssueAsync(hr, IssuedReportKind.ProgressI, "Conclusiones del avance I.", "Recomendaciones del avance I.");

        var consulta = await App.SignedInAsync(Accounts.Consulta);
        var list = Decoded(await fixture.PageAsync(consulta, $"/Reports/Issued?vigencia={Period}"));
        Assert.Contains(HtmlTables.Rows(list, "emitidos"), r => r[0] == $"N.º {id}" && r[1].StartsWith("Informe de avance I", StringComparison.Ordinal) && r[2] == "7");
        Assert.DoesNotContain("/Reports/Issued/Issue", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Emitir informe", await fixture.PageAsync(consulta, "/Reports/Stage1"), StringComparison.Ordinal);
        var reads = await fixture.AuditCountAsync("Consultar", Entity);
        await fixture.PageAsync(consulta, $"/Reports/Issued/Details/{id}");
        Assert.Equal(reads + 1, await fixture.AuditCountAsync("Consultar", Entity));
        var exports = await fixture.AuditCountAsync("Exportar", Entity);
        await PdfAsync(consulta, id);
        Assert.Equal(exports + 1, await fixture.AuditCountAsync("Exportar", Entity));

        Assert.Equal(HttpStatusCode.Forbidden, (await consulta.GetAsync(IssueUrl(IssuedReportKind.Final))).StatusCode);
        var count = await App.WithDbAsync(d => d.Set<IssuedReport>().CountAsync());
        var post = await consulta.PostFormAsync(IssueUrl(IssuedReportKind.Final), new() { ["Input.Conclusions"] = "x", ["Input.Recommendations"] = "y" },
            getUrl: $"/Reports/Issued/Details/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(count, await App.WithDbAsync(d => d.Set<IssuedReport>().CountAsync()));

        foreach (var email in new[] { Accounts.Evaluado, Accounts.Jefe, Accounts.Planeacion })
        {
            var client = await App.SignedInAsync(email);
            foreach (var url in new[] { $"/Reports/Issued?vigencia={Period}", $"/Reports/Issued/Details/{id}", $"/Reports/Issued/Details/{id}?handler=Pdf", IssueUrl(IssuedReportKind.ProgressI) })
                Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
        }
        var anonymous = App.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync($"/Reports/Issued/Details/{id}?handler=Pdf")).StatusCode);
    }

    [Fact]
    public async Task The_pdf_is_a_valid_pdf_with_the_title_the_figures_the_conclusions_and_the_recommendations()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var id = await IssueAsync(hr, IssuedReportKind.Final,
            "Primera conclusión: la mayoría de las evaluaciones sigue en formulación.\nSegunda conclusión: una evaluación finalizó.",
            "Reforzar la socialización con los jefes de la Subdirección de Energía.");
        var response = await hr.GetAsync($"/Reports/Issued/Details/{id}?handler=Pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"final-vigencia-2026-{id}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));

        using var document = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        Assert.True(document.PageCount >= 1);
        Assert.StartsWith("Informe final", document.Info.Title, StringComparison.Ordinal);
        var text = PdfText(bytes);
        foreach (var expected in new[]
        {
            "Informe final", "Vigencia 2026", $"N.º {id}", "Emitido el 24/11/2026", "Resultados por dependencia",
            "Estados de la evaluación por dependencia", "Subdirección de Energía", "Total entidad", "Conclusiones",
            "Primera conclusión: la mayoría de las evaluaciones sigue en formulación.", "Segunda conclusión: una evaluación finalizó.",
            "Recomendaciones", "Reforzar la socialización con los jefes de la Subdirección de Energía.", "Página 1 de",
        })
            Assert.Contains(expected, text, StringComparison.Ordinal);

        // The figures are those of the issued report's page (the entity's total line of each table).
        var page = Decoded(await fixture.PageAsync(hr, $"/Reports/Issued/Details/{id}"));
        foreach (var table in new[] { "tabla-AnnualSummary", "tabla-AnnualStates" })
            Assert.Contains(string.Join(' ', HtmlTables.Rows(page, table)[^1].Skip(1)), string.Join(' ', text.Split('\n')), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_work_plan_counts_the_issued_report_in_force_as_the_activity_record_and_a_correction_replaces_it()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        await hr.PostFormAsync($"/WorkPlan?handler=Create&periodId={Period}", new(), getUrl: "/WorkPlan");
        string Live(string html, int activity) => HtmlTables.Rows(Decoded(html), "plan").Single(r => r[0] == activity.ToString(CultureInfo.InvariantCulture))[7];
        var plan = await hr.GetStringAsync($"/WorkPlan?periodId={Period}");
        if (!await App.WithDbAsync(d => d.Set<IssuedReport>().AnyAsync(r => r.Kind == IssuedReportKind.Final)))
            Assert.EndsWith("; informe final sin emitir", Live(plan, 16), StringComparison.Ordinal);

        var first = await IssueAsync(hr, IssuedReportKind.Final, "Conclusiones del informe final.", "Recomendaciones del informe final.");
        var correction = await IssueAsync(hr, IssuedReportKind.Final, "Conclusiones corregidas.", "Recomendaciones corregidas.", replaces: first);

        plan = await hr.GetStringAsync($"/WorkPlan?periodId={Period}");
        Assert.EndsWith($"; registro: informe final N.º {correction} emitido el 24/11/2026 Ver el informe emitido de la actividad 16", Live(plan, 16), StringComparison.Ordinal);
        Assert.Contains($"href=\"/Reports/Issued/Details/{correction}\"", plan, StringComparison.Ordinal);

        var list = HtmlTables.Rows(Decoded(await fixture.PageAsync(hr, $"/Reports/Issued?vigencia={Period}")), "emitidos");
        Assert.StartsWith($"Reemplazado por el N.º {correction}", list.Single(r => r[0] == $"N.º {first}")[5], StringComparison.Ordinal);
        Assert.Equal($"Vigente Corrige el N.º {first}", list.Single(r => r[0] == $"N.º {correction}")[5]);
        var old = Decoded(await fixture.PageAsync(hr, $"/Reports/Issued/Details/{first}"));
        Assert.Contains("Conclusiones del informe final.", old, StringComparison.Ordinal);
        Assert.Contains($"Reemplazado por el informe N.º {correction}", HtmlTables.Text(old), StringComparison.Ordinal);

        // The replaced report cannot be corrected a second time.
        var twice = await hr.PostFormAsync(IssueUrl(IssuedReportKind.Final), new()
        {
            ["Input.Conclusions"] = "Otra corrección.",
            ["Input.Recommendations"] = "Otra.",
            ["Input.Replaces"] = first.ToString(CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains($"El informe N.º {first} ya fue reemplazado por el N.º {correction}", Decoded(await twice.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(2, await App.WithDbAsync(d => d.Set<IssuedReport>().CountAsync(r => r.Kind == IssuedReportKind.Final && (r.Id == first || r.ReplacesId == first))));
    }

    private static async Task<byte[]> PdfAsync(HttpClient client, int id)
    {
        var response = await client.GetAsync($"/Reports/Issued/Details/{id}?handler=Pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The text drawn on the PDF's pages, one line per text operator (WinAnsi: Latin-1 letters read as they are).</summary>
    private static string PdfText(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var text = new StringBuilder();
        foreach (var page in document.Pages) Collect(ContentReader.ReadContent(page), text);
        return text.ToString();

        static void Collect(CObject item, StringBuilder text)
        {
            switch (item)
            {
                case COperator op when op.OpCode.Name is "Tj" or "TJ" or "'" or "\"":
                    foreach (var operand in op.Operands) Collect(operand, text);
                    text.Append('\n');
                    break;
                case CSequence sequence:
                    foreach (var child in sequence) Collect(child, text);
                    break;
                case CString s:
                    text.Append(s.Value);
                    break;
            }
        }
    }
}

public sealed class IssuedReportTestsSqlite(ConsolidationSqliteApp fixture) : IssuedReportTests(fixture), IClassFixture<ConsolidationSqliteApp>;

public sealed class IssuedReportTestsPostgres(ConsolidationPostgresApp fixture) : IssuedReportTests(fixture), IClassFixture<ConsolidationPostgresApp>;
