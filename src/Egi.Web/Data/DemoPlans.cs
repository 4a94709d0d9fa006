using Egi.Domain.Calendar;
using Egi.Domain.Planning;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Data;

/// <summary>
/// The demo entity's institutional plans for the demo period (activity 1): a small Plan Nacional de Desarrollo, the
/// Plan Estratégico Institucional and one plan de acción per dependencia, so goals have items to link to.
/// Idempotent: nothing is added to a period that already has plans.
/// </summary>
public static class DemoPlans
{
    public const string StrategicName = "Plan Estratégico Institucional 2023-2026";
    public const string NationalName = "Plan Nacional de Desarrollo 2022-2026 «Colombia, potencia mundial de la vida»";

    private static readonly (string Code, string Name, string Description)[] National =
    [
        ("T5", "Transición energética justa, segura, confiable y eficiente", "Transformación 5: Transformación productiva, internacionalización y acción climática."),
        ("T5.1", "Diversificación de la matriz energética con fuentes no convencionales", ""),
        ("T2", "Seguridad humana y justicia social", "Incluye la minería responsable con las comunidades."),
    ];

    private static readonly (string Code, string Name, string? Dependency)[] Strategic =
    [
        ("1", "Planeación integral del sector minero energético", null),
        ("1.1", "Planes indicativos de expansión de generación y transmisión", "300"),
        ("1.2", "Planeación de la minería bien hecha", "400"),
        ("2", "Información sectorial confiable y abierta", "310"),
        ("3", "Gestión institucional eficiente y talento humano competente", "200"),
        ("3.1", "Desarrollo y bienestar del talento humano", "210"),
    ];

    private static readonly Dictionary<string, (string Code, string Name)[]> Action = new()
    {
        ["100"] = [("DG-01", "Dirigir la formulación y seguimiento del PEI"), ("DG-02", "Relacionamiento con el sector y las regiones")],
        ["110"] = [("PL-01", "Seguimiento trimestral al plan de acción institucional"), ("PL-02", "Divulgación de los planes a los servidores")],
        ["200"] = [("SG-01", "Gestión contractual oportuna"), ("SG-02", "Gestión documental y atención al ciudadano")],
        ["210"] = [("TH-01", "Ejecutar el plan anual de la evaluación de la gestión institucional"), ("TH-02", "Plan institucional de capacitación")],
        ["300"] = [("EN-01", "Publicar el plan de expansión de referencia generación-transmisión"), ("EN-02", "Estudios de demanda de energía eléctrica y gas"), ("EN-03", "Convocatorias de transmisión")],
        ["310"] = [("IN-01", "Mantener el Sistema de Información Minero Energético"), ("IN-02", "Publicar conjuntos de datos abiertos")],
        ["400"] = [("MI-01", "Plan Nacional de Desarrollo Minero"), ("MI-02", "Estudios de minerales estratégicos")],
    };

    public static async Task SeedAsync(EgiDbContext db, int periodYear, CancellationToken ct = default)
    {
        var period = await db.Periods.AsNoTracking().FirstOrDefaultAsync(p => p.Year == periodYear, ct);
        if (period is null || await db.Set<InstitutionalPlan>().AnyAsync(p => p.PeriodId == period.Id, ct)) return;
        var names = await db.Dependencies.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var deps = await db.Dependencies.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Id, ct);
        int? Dep(string? code) => code is not null && deps.TryGetValue(code, out var id) ? id : null;

        var plans = new List<InstitutionalPlan>
        {
            Seeded(period, new(PlanKind.NationalDevelopment, null, NationalName,
                    "Ley 2294 de 2023: las transformaciones a las que aporta el sector minero energético."),
                National.Select(i => new PlanItemValues(i.Code, i.Name, i.Description, null)), [], names),
        };
        plans.Add(Seeded(period, new(PlanKind.Strategic, null, StrategicName, "Objetivos estratégicos de la entidad."),
            Strategic.Select(i => new PlanItemValues(i.Code, i.Name, null, Dep(i.Dependency))), plans, names));
        foreach (var (code, items) in Action)
        {
            if (Dep(code) is not { } dependencyId) continue;
            plans.Add(Seeded(period, new(PlanKind.Action, dependencyId, $"Plan de acción {periodYear}", null),
                items.Select(i => new PlanItemValues(i.Code, i.Name, null, null)), plans, names));
        }
        db.AddRange(plans);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A plan of <paramref name="period"/> with its items, through the plan's own rules (as Planeación would enter it);
    /// a refusal is a mistake in the seeded data.
    /// </summary>
    /// <param name="others">The period's plans made so far.</param>
    /// <param name="dependencyNames">The entity's dependencias by id.</param>
    public static InstitutionalPlan Seeded(Period period, PlanValues values, IEnumerable<PlanItemValues> items, IEnumerable<InstitutionalPlan> others,
        IReadOnlyDictionary<int, string> dependencyNames)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(dependencyNames);
        var (plan, outcome) = InstitutionalPlan.Create(period, values, others, dependencyNames.GetValueOrDefault);
        if (plan is null) throw new InvalidOperationException($"Seeded plan «{values?.Name}» refused: {outcome}");
        foreach (var item in items)
        {
            var added = plan.AddItem(period, item, dependencyNames.ContainsKey, out _);
            if (!added.Succeeded) throw new InvalidOperationException($"Seeded item «{item.Code}» of «{plan.Name}» refused: {added}");
        }
        return plan;
    }
}
