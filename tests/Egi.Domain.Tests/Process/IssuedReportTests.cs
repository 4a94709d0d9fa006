using Egi.Domain.Process;

namespace Egi.Domain.Tests.Process;

public sealed class IssuedReportTests
{
    private static readonly ConsolidationSnapshot Snapshot = new(3,
        [new("Stage1Summary", ["Servants", "Stage1.Agreed"], [new("Subdirección de Energía", [3, 1])], new("Total entidad", [3, 1]))]);

    private static readonly DateTime Noon = new(2026, 11, 24, 17, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Issuing_keeps_the_snapshot_the_texts_and_the_bogota_day()
    {
        var (report, outcome) = IssuedReport.Issue(IssuedReportKind.ProgressI, 4, "Vigencia 2026", Snapshot, "  Conclusiones.  ", "Recomendaciones.", "Sandra", Noon);
        Assert.True(outcome.Succeeded);
        Assert.Equal(Snapshot, report!.Snapshot);
        Assert.Equal("Conclusiones.", report.Conclusions);
        Assert.Equal(new DateOnly(2026, 11, 24), report.IssuedOn);
        Assert.Equal(7, report.Kind.Activity());

        // 02:00 UTC is still the day before in Bogotá (UTC−5).
        var (late, _) = IssuedReport.Issue(IssuedReportKind.Final, 4, "Vigencia 2026", Snapshot, "C", "R", "Sandra", new DateTime(2026, 11, 25, 2, 0, 0, DateTimeKind.Utc));
        Assert.Equal(new DateOnly(2026, 11, 24), late!.IssuedOn);
    }

    [Theory]
    [InlineData(null, "R", "Conclusions", "Escriba las «Conclusiones» del informe: qué muestra la consolidación.")]
    [InlineData("C", " ", "Recommendations", "Escriba las «Recomendaciones» del informe: qué se propone a partir de la consolidación.")]
    public void Both_texts_are_required(string? conclusions, string? recommendations, string field, string message)
    {
        var (report, outcome) = IssuedReport.Issue(IssuedReportKind.ProgressII, 4, "Vigencia 2026", Snapshot, conclusions, recommendations, "Sandra", Noon);
        Assert.Null(report);
        Assert.Equal([new Common.FieldError(field, message)], outcome.Errors);
    }

    [Fact]
    public void Texts_longer_than_the_limit_are_refused()
    {
        var (_, outcome) = IssuedReport.Issue(IssuedReportKind.Final, 4, "Vigencia 2026", Snapshot,
            new string('c', IssuedReportRules.ConclusionsMax + 1), "R", "Sandra", Noon);
        Assert.Equal($"Las «Conclusiones» admiten máximo {IssuedReportRules.ConclusionsMax} caracteres (tienen {IssuedReportRules.ConclusionsMax + 1}).", Assert.Single(outcome.Errors).Message);
    }

    [Fact]
    public void A_correction_replaces_a_report_of_the_same_kind_and_period_that_is_still_in_force()
    {
        var (ok, _) = IssuedReport.Issue(IssuedReportKind.Final, 4, "Vigencia 2026", Snapshot, "C", "R", "Sandra", Noon, new(10, IssuedReportKind.Final, 4, null));
        Assert.Equal(10, ok!.ReplacesId);

        var (_, otherKind) = IssuedReport.Issue(IssuedReportKind.Final, 4, "Vigencia 2026", Snapshot, "C", "R", "Sandra", Noon, new(10, IssuedReportKind.ProgressI, 4, null));
        Assert.Equal("El informe N.º 10 es de otra vigencia u otro tipo: solo se reemplaza un informe final de la misma vigencia.", Assert.Single(otherKind.Errors).Message);
        var (_, otherPeriod) = IssuedReport.Issue(IssuedReportKind.Final, 4, "Vigencia 2026", Snapshot, "C", "R", "Sandra", Noon, new(10, IssuedReportKind.Final, 3, null));
        Assert.False(otherPeriod.Succeeded);
        var (_, replaced) = IssuedReport.Issue(IssuedReportKind.Final, 4, "Vigencia 2026", Snapshot, "C", "R", "Sandra", Noon, new(10, IssuedReportKind.Final, 4, 12));
        Assert.Equal("El informe N.º 10 ya fue reemplazado por el N.º 12: reemplace el vigente.", Assert.Single(replaced.Errors).Message);
    }

    [Fact]
    public void Each_kind_is_the_record_of_its_activity_and_has_a_stable_key()
    {
        Assert.Equal([7, 11, 16], IssuedReportRules.Kinds.Select(k => k.Activity()));
        Assert.Equal(IssuedReportRules.Kinds, new[] { 7, 11, 16 }.Select(a => IssuedReportRules.OfActivity(a)!.Value));
        Assert.Null(IssuedReportRules.OfActivity(8));
        Assert.Equal(IssuedReportRules.Kinds, IssuedReportRules.Kinds.Select(k => IssuedReportRules.FromKey(k.Key())!.Value));
        Assert.Equal("informe de avance II", IssuedReportKind.ProgressII.Noun());
    }
}
