using Egi.Web.Features.Shared;
using Egi.Domain.Calendar;
using Egi.Web.Data;
using Egi.Web.Infrastructure;

namespace Egi.Web.Features.Reports;

/// <summary>Stage-2 consolidation (activity 11), for Talento Humano and Consulta: the first follow-up per servant and per dependencia.</summary>
public sealed class Stage2Model(EgiDbContext db, CurrentUser me) : ConsolidationPage<Stage2Report>(db, me)
{
    public override string PageUrl => "/Reports/Stage2";
    public override bool OffersEarlyWarnings => true;
    protected override string AuditEntity => Stage2Report.AuditEntity;

    protected override Task<Stage2Report> BuildAsync(EgiDbContext db, Period period, Stage1Filter filter, DateOnly today,
        IReadOnlyList<DependencyNode> tree, int? page, CancellationToken ct) =>
        Stage2Report.BuildAsync(db, period, filter, today, tree, page, ct);

    protected override int RowCount(Stage2Report report) => report.RowCount;
    protected override Egi.Web.Reports.XlsxWorkbook Xlsx(Stage2Report report, EgiDbContext db) => Stage2Xlsx.Workbook(report, db);
    protected override Paging PagingOf(Stage2Report report) => report.Paging;
    protected override string FileName(Stage2Report report) => Stage2Xlsx.FileName(report);
}
