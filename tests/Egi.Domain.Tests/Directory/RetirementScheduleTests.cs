using Egi.Domain.Directory;

namespace Egi.Domain.Tests.Directory;

/// <summary>
/// A retiro is scheduled (issue 13 item 2): its effects are due on its date, once; a reinstatement (or a date moved to
/// the future) after they were applied is due in turn. The query form agrees with the rule. And nobody administers
/// their own record's jefe, dependencia or vinculación.
/// </summary>
public class RetirementScheduleTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Fact]
    public void A_retiro_is_due_on_its_date_not_before_and_only_once()
    {
        var s = new Servant { Id = 5, RetirementDate = Today.AddDays(6) };
        Assert.False(s.RetirementDue(Today));
        Assert.True(s.RetirementDue(Today.AddDays(6)));
        s.RetirementEffectsApplied(Today.AddDays(6));
        Assert.False(s.RetirementDue(Today.AddDays(7)));
        Assert.Equal(Today.AddDays(6), s.RetirementAppliedOn);

        // Corrected to another past date: due again, for that date.
        s.RetirementDate = Today.AddDays(3);
        Assert.True(s.RetirementDue(Today.AddDays(7)));
    }

    [Fact]
    public void Reinstating_or_moving_the_date_to_the_future_after_it_was_applied_is_due()
    {
        var s = new Servant { Id = 5, RetirementDate = Today };
        s.RetirementEffectsApplied(Today);
        Assert.False(s.ReinstatementDue(Today));
        s.RetirementDate = null;
        Assert.True(s.ReinstatementDue(Today));
        s.RetirementEffectsApplied(Today);
        Assert.Null(s.RetirementAppliedOn);
        Assert.False(s.ReinstatementDue(Today));

        var moved = new Servant { Id = 6, RetirementDate = Today };
        moved.RetirementEffectsApplied(Today);
        moved.RetirementDate = Today.AddDays(10);
        Assert.True(moved.ReinstatementDue(Today));
    }

    [Fact]
    public void The_query_form_agrees_with_the_rule()
    {
        var due = Servant.RetirementChangeDueOn(Today).Compile();
        DateOnly?[] dates = [null, Today.AddDays(-3), Today, Today.AddDays(3)];
        var cases = 0;
        foreach (var applied in dates)
            foreach (var retirement in dates)
            {
                var s = new Servant { RetirementDate = applied };
                if (applied is { } a && a <= Today) s.RetirementEffectsApplied(Today);
                s.RetirementDate = retirement;
                Assert.True(due(s) == (s.RetirementDue(Today) || s.ReinstatementDue(Today)), $"applied {s.RetirementAppliedOn}, retiro {retirement}");
                cases++;
            }
        Assert.Equal(16, cases);
    }

    [Fact]
    public void Nobody_changes_their_own_jefe_dependencia_or_vinculacion()
    {
        var s = new Servant { Id = 14, BossId = 13, DependencyId = 7, EmploymentType = EmploymentType.Career };
        var input = new ServantInput { BossId = 18, DependencyId = 8, EmploymentType = EmploymentType.Provisional };
        var errors = s.SelfAdministrationErrors(input, editorServantId: 14);
        Assert.Equal(["BossId", "DependencyId", "EmploymentType"], errors.Select(e => e.Field));
        Assert.Contains("No puede cambiar el «Jefe inmediato» de su propio registro", errors[0].Message, StringComparison.Ordinal);

        Assert.Empty(s.SelfAdministrationErrors(input, editorServantId: 99)); // someone else's record
        Assert.Empty(s.SelfAdministrationErrors(input, editorServantId: null)); // a role account
        Assert.Empty(s.SelfAdministrationErrors(new ServantInput { BossId = 13, DependencyId = 7, EmploymentType = EmploymentType.Career }, 14));
    }

    [Fact]
    public void Nobody_changes_what_decides_their_own_evaluation_nor_registers_their_own_retiro()
    {
        var s = new Servant
        {
            Id = 14,
            BossId = 13,
            DependencyId = 7,
            EmploymentType = EmploymentType.Provisional,
            Level = HierarchyLevel.Profesional,
            HireDate = new DateOnly(2021, 3, 1),
            HasStaff = false,
            IsPublicManager = false,
        };
        var same = new ServantInput
        {
            BossId = 13,
            DependencyId = 7,
            EmploymentType = EmploymentType.Provisional,
            Level = HierarchyLevel.Profesional,
            HireDate = new DateOnly(2021, 3, 1),
        };
        Assert.Empty(s.SelfAdministrationErrors(same, 14));
        var changed = same with
        {
            Level = HierarchyLevel.Asesor,
            HireDate = new DateOnly(2026, 6, 1),
            RetirementDate = new DateOnly(2026, 12, 30),
            HasStaff = true,
            IsPublicManager = true,
        };
        var errors = s.SelfAdministrationErrors(changed, 14);
        Assert.Equal(["Level", "HireDate", "RetirementDate", "HasStaff", "IsPublicManager"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.EndsWith("de su propio registro: pídale el cambio a otra persona de Talento Humano.", e.Message, StringComparison.Ordinal));
        Assert.Empty(s.SelfAdministrationErrors(changed, 99));
        Assert.Empty(s.SelfAdministrationErrors(same with { Level = null, HireDate = null }, 14)); // not given: no change

        Assert.Equal("No puede registrar su propio retiro ni su reintegro: pídaselo a otra persona de Talento Humano.", s.SelfRetirementRefusal(14));
        Assert.Null(s.SelfRetirementRefusal(99));
        Assert.Null(s.SelfRetirementRefusal(null));
    }
}
