using System.Globalization;
using Egi.Domain.Improvement;
using Egi.Web.Reports;

namespace Egi.Web.Features.Improvement;

/// <summary>What the formato de mejoramiento individual is pre-filled with (activity 18).</summary>
public sealed record FormatData(
    string Servant, string Document, string Job, string Dependency, string Boss, string Period,
    decimal? FinalScore, string Level, IReadOnlyList<LowResult> LowResults, string Link, string? Edl = null,
    IReadOnlyList<PlanAspect>? Aspects = null);

/// <summary>A result that triggered the plan or is worth improving: the level, a competency, a goal or the EDL.</summary>
public sealed record LowResult(string Kind, string Description, string Result);

/// <summary>
/// The formato de mejoramiento individual as .xlsx, written through <see cref="XlsxWorkbook"/>: «Datos» (the person and
/// the result), «Resultados» (what triggered the plan) and «Plan» (the aspects agreed so far — a reminder of activity 20
/// carries them — followed by empty rows to fill, or to fill online).
/// </summary>
public static class ImprovementFormat
{
    public const int EmptyRows = 8;
    private static readonly CultureInfo Es = Infrastructure.ServiceRegistration.Culture;

    public static string FileName(FormatData d) =>
        $"formato-mejoramiento-{d.Document}.xlsx";

    public static IReadOnlyList<XlsxColumn> PlanColumns { get; } =
    [
        new("N.º", XlsxKind.Integer, 6),
        new("Meta o competencia", XlsxKind.Text, 30),
        new("Aspecto a mejorar", XlsxKind.Text, 36),
        new("Acciones", XlsxKind.Text, 40),
        new("Resultado esperado", XlsxKind.Text, 30),
        new("Responsable", XlsxKind.Text, 24),
        new("Fecha de inicio", XlsxKind.Date, 14),
        new("Fecha de fin", XlsxKind.Date, 14),
        new("Recursos", XlsxKind.Text, 24),
    ];

    public static byte[] Write(FormatData d)
    {
        var data = new List<IReadOnlyList<object?>>
        {
            Row("Formato", "Formato de mejoramiento individual (P-TH-10, actividades 18 a 20)"),
            Row("Vigencia", d.Period),
            Row("Servidor", d.Servant),
            Row("Documento", d.Document),
            Row("Empleo", d.Job),
            Row("Dependencia", d.Dependency),
            Row("Jefe inmediato (evaluador)", d.Boss),
            Row("Calificación final", d.FinalScore is { } f ? f.ToString("0.00", Es) : "Sin calificación"),
            Row("Nivel", d.Level),
            Row("Diligenciar en línea", d.Link),
        };
        if (d.Edl is { } edl) data.Insert(data.Count - 1, Row("Evaluación de desempeño laboral (EDL)", edl));
        var results = d.LowResults.Select(r => (IReadOnlyList<object?>)[r.Kind, r.Description, r.Result]);
        var aspects = d.Aspects ?? [];
        var plan = aspects.Select((a, i) => (IReadOnlyList<object?>)[i + 1, LinkText(a), a.Aspect, a.Actions, a.ExpectedResult, a.Responsible, a.StartDate, a.EndDate, a.Resources])
            .Concat(Enumerable.Range(aspects.Count + 1, EmptyRows).Select(n => (IReadOnlyList<object?>)[n, null, null, null, null, null, null, null, null]));
        return new XlsxWorkbook()
            .AddSheet("Datos", [new("Campo", XlsxKind.Text, 28), new("Valor", XlsxKind.Text, 70)], data)
            .AddSheet("Resultados", [new("Tipo", XlsxKind.Text, 14), new("Descripción", XlsxKind.Text, 60), new("Resultado", XlsxKind.Text, 24)], results)
            .AddSheet("Plan", PlanColumns, plan)
            .ToBytes();
    }

    private static string LinkText(PlanAspect a) => a.GoalNumber is { } g ? $"Meta {g.ToString(CultureInfo.InvariantCulture)}" : a.Competency ?? "";

    private static IReadOnlyList<object?> Row(string field, string value) => [field, value];
}
