using System.Globalization;
using System.Text.Json;
using Egi.Domain.Directory;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Directory.Servants;

public sealed class DetailsModel(EgiDbContext db, CurrentUser me) : PageModel
{
    public const int AuditLines = 10;

    public Servant Servant { get; private set; } = null!;
    public Eligibility Eligibility { get; private set; } = null!;
    public bool IsRetired { get; private set; }
    public string DependencyPath { get; private set; } = "—";
    public Servant? Boss { get; private set; }
    public bool BossRetired { get; private set; }
    public IReadOnlyList<(Servant Person, bool Retired)> Reports { get; private set; } = [];
    public string? AccountEmail { get; private set; }
    public bool AccountHasPassword { get; private set; }
    public IReadOnlyList<AuditLine> Audit { get; private set; } = [];
    public string? AccountWarning { get; private set; }

    public sealed record AuditLine(string When, string Who, string Action, string Summary, IReadOnlyList<string> Changes);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var servant = await db.Servants.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (servant is null) return NotFound();
        var today = me.Today;
        Servant = servant;
        Eligibility = servant.EligibilityOn(today);
        IsRetired = servant.IsRetired(today);
        AccountWarning = TempData["AvisoCuenta"] as string;

        var tree = await DependencyNodes.LoadAsync(db, ct);
        DependencyPath = tree.FirstOrDefault(d => d.Id == servant.DependencyId)?.Path ?? "—";

        if (servant.BossId is { } b)
        {
            Boss = await db.Servants.AsNoTracking().FirstOrDefaultAsync(s => s.Id == b, ct);
            BossRetired = Boss?.IsRetired(today) == true;
        }
        Reports = (await db.Servants.AsNoTracking().Where(s => s.BossId == id).ToListAsync(ct))
            .Select(s => (s, s.IsRetired(today)))
            .OrderBy(x => x.Item2)
            .ThenBy(x => ServantLookups.SortName(x.s), ServantLookups.NameOrder)
            .ToList();

        var account = await db.Users.AsNoTracking().Where(u => u.ServantId == id)
            .Select(u => new { u.Email, u.PasswordHash }).FirstOrDefaultAsync(ct);
        AccountEmail = account?.Email;
        AccountHasPassword = account?.PasswordHash is not null;

        var key = ServantLookups.Id(id);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == AuditEntities.Servant && a.EntityId == key)
            .OrderByDescending(a => a.Id).Take(AuditLines).ToListAsync(ct);
        var names = await NamesForAsync(entries, ct);
        var depNames = tree.ToDictionary(d => d.Id, d => d.Name);
        Audit = entries.Select(a => new AuditLine(
            DateText.When(a.At),
            string.IsNullOrEmpty(a.Roles) ? a.UserName : $"{a.UserName} ({a.Roles})",
            a.Action, a.Summary, Changes(a.Before, a.After, depNames, names))).ToList();
        return Page();
    }

    /// <summary>Names of the bosses mentioned in the audit lines, to show people rather than ids.</summary>
    private async Task<Dictionary<int, string>> NamesForAsync(IEnumerable<AuditEntry> entries, CancellationToken ct)
    {
        var ids = new HashSet<int>();
        foreach (var e in entries)
            foreach (var json in new[] { e.Before, e.After })
                if (Parse(json) is { } values && values.TryGetValue(nameof(Servant.BossId), out var v) && v.ValueKind == JsonValueKind.Number)
                    ids.Add(v.GetInt32());
        return (await db.Servants.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.FirstNames, s.LastNames }).ToListAsync(ct))
            .ToDictionary(s => s.Id, s => $"{s.FirstNames} {s.LastNames}");
    }

    private static readonly (string Field, string Label)[] Fields =
    [
        (nameof(Servant.DocumentNumber), "Número de documento"),
        (nameof(Servant.FirstNames), "Nombres"),
        (nameof(Servant.LastNames), "Apellidos"),
        (nameof(Servant.Email), "Correo institucional"),
        (nameof(Servant.JobTitle), "Denominación del empleo"),
        (nameof(Servant.JobCode), "Código del empleo"),
        (nameof(Servant.JobGrade), "Grado"),
        (nameof(Servant.Level), "Nivel jerárquico"),
        (nameof(Servant.DependencyId), "Dependencia"),
        (nameof(Servant.EmploymentType), "Tipo de vinculación"),
        (nameof(Servant.HireDate), "Fecha de ingreso"),
        (nameof(Servant.RetirementDate), "Fecha de retiro"),
        (nameof(Servant.BossId), "Jefe inmediato"),
        (nameof(Servant.HasStaff), "Tiene personal a cargo"),
        (nameof(Servant.IsPublicManager), "Es gerente público"),
    ];

    /// <summary>"Campo: antes → después" for every field that changed in an audit line (only the changed ones).</summary>
    private static IReadOnlyList<string> Changes(string? beforeJson, string? afterJson, IReadOnlyDictionary<int, string> deps, IReadOnlyDictionary<int, string> people)
    {
        var before = Parse(beforeJson);
        var after = Parse(afterJson);
        if (before is null || after is null) return [];
        var lines = new List<string>();
        foreach (var (field, label) in Fields)
        {
            var b = before.TryGetValue(field, out var bv) ? bv.ToString() : null;
            var a = after.TryGetValue(field, out var av) ? av.ToString() : null;
            if (b == a) continue;
            lines.Add($"{label}: {Show(field, bv, deps, people)} → {Show(field, av, deps, people)}");
        }
        return lines;
    }

    private static Dictionary<string, JsonElement>? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Show(string field, JsonElement v, IReadOnlyDictionary<int, string> deps, IReadOnlyDictionary<int, string> people)
    {
        if (v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return "(vacío)";
        if (v.ValueKind is JsonValueKind.True) return "Sí";
        if (v.ValueKind is JsonValueKind.False) return "No";
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n))
        {
            return field switch
            {
                nameof(Servant.Level) => ((HierarchyLevel)n).Label(),
                nameof(Servant.EmploymentType) => ((EmploymentType)n).Label(),
                nameof(Servant.DependencyId) => deps.GetValueOrDefault(n, $"#{n}"),
                nameof(Servant.BossId) => people.GetValueOrDefault(n, $"#{n}"),
                _ => v.ToString(),
            };
        }
        var text = v.ToString();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return DateText.Date(d);
        return text.Length == 0 ? "(vacío)" : $"«{text}»";
    }
}
