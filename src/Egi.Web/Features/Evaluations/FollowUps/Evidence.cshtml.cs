using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// Download of an evidence file: only people who may see the evaluation (the same rule as its pages) — anyone else 404.
/// Sent as an attachment with the original name; every download is audited.
/// </summary>
public sealed class EvidenceModel(EvaluationWorkflow workflow, EgiDbContext db, IFileStore files) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int itemId, CancellationToken ct)
    {
        var item = await db.EvidenceItems.AsNoTracking().FirstOrDefaultAsync(x => x.Id == itemId, ct);
        if (item is null || item.Kind != EvidenceKind.File || item.StoredName is null) return NotFound();
        if (await workflow.ReadAsync(item.EvaluationId, ct) is null) return NotFound();
        var stream = files.OpenRead(item.EvaluationId, item.StoredName);
        if (stream is null) return NotFound();
        db.Audit("Descargar evidencia", AuditEntities.Evidence, item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"Descargó «{item.OriginalName}» {AuditEntities.EvidenceOf(item.EvaluationId)} seguimiento {item.FollowUp}, meta {item.GoalNumber})");
        await db.SaveChangesAsync(ct);
        return File(stream, item.ContentType ?? "application/octet-stream", item.OriginalName);
    }
}
