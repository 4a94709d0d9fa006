using Egi.Web.Reports;

namespace Egi.Web.Features.Reports;

/// <summary>
/// The stage-1 report as .xlsx: sheet «Servidores» (the rows of the screen, same filters, same order) and
/// «Resumen por dependencia» (the summary of the screen, with the total last). Dates are real Excel dates shown
/// as dd/mm/aaaa (empty when the step has not happened); counts are numbers; «% concertadas» is a number with
/// percentage format (85,5 % is stored as 0,855), rounded to one decimal exactly as on screen. Text is written as
/// text, never as a formula.
/// </summary>
public static class Stage1Xlsx
{
    public const string ServantsSheet = "Servidores";
    public const string SummarySheet = "Resumen por dependencia";

    public static string FileName(Stage1Report report) => $"etapa1-{report.Period.Year}.xlsx";

    public static IReadOnlyList<XlsxColumn> ServantColumns { get; } =
    [
        new("Documento", XlsxKind.Text, 14),
        new("Nombre", XlsxKind.Text, 30),
        new("Empleo", XlsxKind.Text, 34),
        new("Dependencia", XlsxKind.Text, 40),
        new("Evaluador", XlsxKind.Text, 34),
        new("Estado", XlsxKind.Text, 24),
        new("Etapa 1", XlsxKind.Text, 18),
        new("En espera de", XlsxKind.Text, 16),
        new("Fecha de envío de metas", XlsxKind.Date, 14),
        new("Fecha de aprobación o modificación", XlsxKind.Date, 14),
        new("Fecha de aceptación", XlsxKind.Date, 14),
        new("Número de metas", XlsxKind.Integer, 10),
        new("Rondas", XlsxKind.Integer, 10),
        new("No aceptar", XlsxKind.Integer, 10),
    ];

    public static IReadOnlyList<XlsxColumn> SummaryColumns { get; } =
    [
        new("Dependencia", XlsxKind.Text, 40),
        new("Servidores", XlsxKind.Integer, 11),
        .. Stage1Text.Statuses.Select(s => new XlsxColumn(Stage1Text.ColumnLabel(s), XlsxKind.Integer, 12)),
        new("% concertadas", XlsxKind.Percent, 13),
    ];

    public static IReadOnlyList<object?> ServantCells(Stage1Row r) =>
    [
        r.Document, r.Name, r.Job, r.Dependency, r.Evaluator, r.State, Stage1Text.StatusLabel(r.Status),
        r.WaitingOn.Length == 0 ? null : r.WaitingOn,
        r.SubmittedOn, r.ReviewedOn, r.AgreedOn, r.Goals, r.Rounds, r.NotAccepted,
    ];

    public static IReadOnlyList<object?> SummaryCells(Stage1Summary s) =>
    [
        s.Dependency, s.Servants, .. Stage1Text.Statuses.Select(st => (object?)s.Count(st)), s.AgreedPercent,
    ];

    /// <summary>The workbook; the servants are read from the database, one query streamed, while it is written.</summary>
    public static XlsxWorkbook Workbook(Stage1Report report, Data.EgiDbContext db) => new XlsxWorkbook()
        .AddStreamedSheet(ServantsSheet, ServantColumns, report.AllRows(db).Select(ServantCells))
        .AddSheet(SummarySheet, SummaryColumns, report.ByDependency.Append(report.Total).Select(SummaryCells));
}
