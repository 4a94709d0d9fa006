using Egi.Domain.Calendar;
using Egi.Domain.Directory.Import;
using Egi.Domain.Planning;

namespace Egi.Domain.Tests.Planning;

/// <summary>
/// An institutional plan (SPEC §7, activity 1) changes only through it: its values and its items checked, an item or a
/// plan in use kept, and nothing changed while its period is closed (SPEC §3).
/// </summary>
public sealed class InstitutionalPlanTests
{
    private static readonly DateTime Now = new(2026, 1, 10, 12, 0, 0, DateTimeKind.Utc);

    private static string? Name(int id) => id == 5 ? "Subdirección de Energía" : null;

    private static bool Exists(int id) => id == 5;

    /// <summary>A period (id 4) in preparation.</summary>
    internal static Period NewPeriod()
    {
        var period = Period.CreateWithDefaults(2026);
        period.Id = 4;
        return period;
    }

    /// <summary>A PEI of <paramref name="period"/> with the given items (code, name), their ids 7, 8… as the store gives them.</summary>
    internal static InstitutionalPlan Pei(Period period, params (string Code, string Name)[] items)
    {
        var (plan, outcome) = InstitutionalPlan.Create(period, new(PlanKind.Strategic, null, "PEI 2023-2026", null), [], Name);
        Assert.True(outcome.Succeeded, outcome.ToString());
        var id = 7;
        foreach (var (code, name) in items)
        {
            Assert.True(plan!.AddItem(period, new(code, name, null, null), Exists, out var added).Succeeded);
            added!.Id = id++;
        }
        return plan!;
    }

    [Fact]
    public void A_plan_is_created_with_its_values_trimmed_or_refused_with_each_fields_reason()
    {
        var period = NewPeriod();
        var (plan, outcome) = InstitutionalPlan.Create(period, new(PlanKind.Action, 5, "  Plan de acción 2026 ", " Energía "), [], Name);
        Assert.True(outcome.Succeeded, outcome.ToString());
        Assert.Equal((4, PlanKind.Action, (int?)5, "Plan de acción 2026", "Energía"), (plan!.PeriodId, plan.Kind, plan.DependencyId, plan.Name, plan.Description));

        var (none, refused) = InstitutionalPlan.Create(period, new(null, null, " ", null), [], Name);
        Assert.Null(none);
        Assert.Equal(["Kind", "Name"], refused.Errors.Select(e => e.Field));
        var (second, taken) = InstitutionalPlan.Create(period, new(PlanKind.Action, 5, "Otro plan", null), [plan], Name);
        Assert.Null(second);
        Assert.Contains("ya tiene un plan de acción", Assert.Single(taken.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_changes_within_the_rules_of_its_period_and_is_not_compared_with_itself()
    {
        var period = NewPeriod();
        var pei = Pei(period);
        var (pnd, _) = InstitutionalPlan.Create(period, new(PlanKind.NationalDevelopment, null, "PND", null), [pei], Name);

        Assert.True(pei.Change(period, new(PlanKind.Strategic, null, " PEI 2023-2027 ", "Objetivos"), [pei, pnd!], Name).Succeeded);
        Assert.Equal(("PEI 2023-2027", "Objetivos"), (pei.Name, pei.Description));
        var refused = pei.Change(period, new(PlanKind.NationalDevelopment, null, "PEI", null), [pei, pnd!], Name);
        Assert.Contains("Ya existe un Plan Nacional de Desarrollo", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);
        Assert.Equal((PlanKind.Strategic, "PEI 2023-2027"), (pei.Kind, pei.Name));
    }

    [Fact]
    public void An_items_code_is_unique_in_its_plan_whatever_its_case_and_an_item_keeps_its_own_code()
    {
        var period = NewPeriod();
        var pei = Pei(period, ("A.1", "Planeación"), ("2", "Información"));
        var first = pei.Items[0];

        var refused = pei.AddItem(period, new(" a.1 ", "Otro", null, null), Exists, out var none);
        Assert.Null(none);
        Assert.Contains("Ya existe otro ítem con el código «a.1»", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);
        Assert.True(pei.AddItem(period, new(" 3 ", " Gestión ", " Eficiente ", 5), Exists, out var added).Succeeded);
        Assert.Equal(("3", "Gestión", "Eficiente", (int?)5), (added!.Code, added.Name, added.Description, added.ResponsibleDependencyId));
        Assert.Equal(3, pei.Items.Count);

        Assert.True(pei.ChangeItem(period, first, new("A.1", "Planeación integral", null, null), Exists).Succeeded);
        Assert.Equal("Planeación integral", first.Name);
        Assert.Equal("Code", Assert.Single(pei.ChangeItem(period, first, new("2", "Planeación", null, null), Exists).Errors).Field);
        Assert.Equal("ResponsibleDependencyId", Assert.Single(pei.ChangeItem(period, first, new("A.1", "Planeación", null, 99), Exists).Errors).Field);
        Assert.Equal(("A.1", "Planeación integral", (int?)null), (first.Code, first.Name, first.ResponsibleDependencyId));

        var other = Pei(NewPeriod(), ("A.1", "De otro plan"));
        Assert.Contains("ya no existe en este plan", Assert.Single(pei.ChangeItem(period, other.Items[0], new("9", "X", null, null), Exists).Errors).Message, StringComparison.Ordinal);
        Assert.Equal("A.1", other.Items[0].Code);
    }

    [Fact]
    public void An_item_or_a_plan_that_goals_link_to_is_not_deleted()
    {
        var period = NewPeriod();
        var pei = Pei(period, ("1", "Planeación"), ("2", "Información"));
        var used = pei.Items[0];

        var refused = pei.RemoveItem(period, used, linkedGoals: 2);
        Assert.Equal("No se puede eliminar el ítem «1 — Planeación»: 2 metas de la Vigencia 2026 lo usan. Primero esas metas deben vincularse a otro ítem; "
            + "puede cambiar el nombre o la descripción del ítem en lugar de eliminarlo.", Assert.Single(refused.Errors).Message);
        Assert.Contains("1 meta de la Vigencia 2026 están vinculadas", Assert.Single(pei.CheckDeletion(period, 1).Errors).Message, StringComparison.Ordinal);
        Assert.Equal(2, pei.Items.Count);

        Assert.True(pei.RemoveItem(period, pei.Items[1], linkedGoals: 0).Succeeded);
        Assert.Equal(["1"], pei.Items.Select(i => i.Code));
        Assert.Contains("ya no existe en este plan", Assert.Single(pei.RemoveItem(period, Pei(period, ("9", "X")).Items[0], 0).Errors).Message, StringComparison.Ordinal);
        Assert.True(pei.CheckDeletion(period, 0).Succeeded);
    }

    [Fact]
    public void An_import_creates_its_new_items_and_updates_the_existing_ones_as_it_was_checked()
    {
        var period = NewPeriod();
        var pei = Pei(period, ("1.1", "Planes indicativos"));
        var import = PlanItemImport.Plan(Rows(["Código", "Nombre"], ["1.1", "Planes indicativos de expansión"], ["1.2", "Minería bien hecha"]), pei.Items, []);

        Assert.True(pei.ImportItems(period, import).Succeeded);
        Assert.Equal([("1.1", "Planes indicativos de expansión"), ("1.2", "Minería bien hecha")], pei.Items.Select(i => (i.Code, i.Name)));

        // An import checked against other items, or with errors, is the caller's mistake: nothing is applied.
        var fresh = PlanItemImport.Plan(Rows(["Código", "Nombre"], ["3", "Nuevo"]), [], []);
        var again = PlanItemImport.Plan(Rows(["Código", "Nombre"], ["1.2", "Otra vez"]), [], []);
        Assert.Throws<ArgumentException>(() => pei.ImportItems(period, again));
        var foreign = PlanItemImport.Plan(Rows(["Código", "Nombre"], ["9", "Ajeno cambiado"]), Pei(period, ("9", "Ajeno")).Items.Select(Renumbered).ToList(), []);
        Assert.Throws<ArgumentException>(() => pei.ImportItems(period, foreign));
        Assert.Throws<ArgumentException>(() => pei.ImportItems(period, PlanItemImport.Plan(Rows(["Código"], ["1"]), [], [])));
        Assert.Equal(2, pei.Items.Count);
        Assert.True(pei.ImportItems(period, fresh).Succeeded);
    }

    /// <summary>
    /// SPEC §3: a closed period is read-only, its institutional plans too: no plan is created for it, and every change to
    /// a plan or its items is refused first, with the period's message, the plan left as it was; reopened, it changes again.
    /// </summary>
    [Fact]
    public void A_closed_periods_plans_are_neither_created_nor_changed()
    {
        var period = NewPeriod();
        Assert.True(period.Open().Succeeded);
        var pei = Pei(period, ("1", "Planeación"), ("2", "Información"));
        var import = PlanItemImport.Plan(Rows(["Código", "Nombre"], ["1", "Otro nombre"], ["3", "Nuevo"]), pei.Items, []);
        Assert.True(period.Close().Succeeded);
        var message = $"La «{period.Name}» está cerrada: es de solo lectura y no admite cambios. Talento Humano puede reabrirla con un motivo.";

        var (none, created) = InstitutionalPlan.Create(period, new(PlanKind.NationalDevelopment, null, "PND", null), [], Name);
        Assert.Null(none);
        var added = pei.AddItem(period, new("3", "Gestión", null, null), Exists, out var item);
        Assert.Null(item);
        foreach (var outcome in new[]
        {
            created, added,
            pei.Change(period, new(PlanKind.Strategic, null, "Otro nombre", null), [], Name),
            pei.ChangeItem(period, pei.Items[0], new("1", "Otro nombre", null, null), Exists),
            pei.RemoveItem(period, pei.Items[1], 0),
            pei.CheckDeletion(period, 0),
            pei.ImportItems(period, import),
        })
        {
            Assert.False(outcome.Succeeded);
            Assert.Equal(message, Assert.Single(outcome.Errors).Message);
        }
        Assert.Equal(("PEI 2023-2026", 2, "Planeación"), (pei.Name, pei.Items.Count, pei.Items[0].Name));

        Assert.True(period.Reopen("Corregir el PEI", "Sandra", Now).Succeeded);
        Assert.True(pei.ChangeItem(period, pei.Items[0], new("1", "Planeación integral", null, null), Exists).Succeeded);
        var other = Period.CreateWithDefaults(2027);
        other.Id = 5;
        Assert.Throws<ArgumentException>(() => pei.RemoveItem(other, pei.Items[1], 0));
    }

    private static List<SheetRow> Rows(params object?[][] rows) => rows.Select((r, i) => new SheetRow(i + 1, r)).ToList();

    private static PlanItem Renumbered(PlanItem item)
    {
        item.Id = 70;
        return item;
    }
}
