using Egi.Web.Features.Shared;
using Egi.Domain.Calendar;
using Egi.Web.Data;
using Egi.Web.Infrastructure;

namespace Egi.Web.Features.Reports;

/// <summary>Annual results (activity 16), for Talento Humano and Consulta: the final scores per servant, per dependencia and for the entity.</summary>
public sealed class AnnualModel(EgiDbContext db, CurrentUser me) : ConsolidationPage<AnnualReport>(db, me)
{
    public override string PageUrl => "/Reports/Annual";
    protected override string AuditEntity => AnnualReport.AuditEntity;

    protected override Task<AnnualReport> BuildAsync(EgiDbContext db, Period period, Stage1Filter filter, DateOnly today,
        IReadOnlyList<DependencyNode> tree, int? page, CancellationToken ct) =>
        AnnualReport.BuildAsync(db, period, filter, today, tree, page, ct);

    protected override int RowCount(AnnualReport report) => report.RowCount;
    protected override Egi.Web.Reports.XlsxWorkbook Xlsx(AnnualReport report, EgiDbContext db) => AnnualXlsx.Workbook(report, db);
    protected override Paging PagingOf(AnnualReport report) => report.Paging;
    protected override string FileName(AnnualReport report) => AnnualXlsx.FileName(report);
}
