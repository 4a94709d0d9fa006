using Egi.Domain.Directory;

namespace Egi.Domain.Tests.Directory;

public class EligibilityTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Theory]
    [InlineData(EmploymentType.Provisional, true, "Nombramiento provisional: evaluable.")]
    [InlineData(EmploymentType.FreeAppointment, true, "Libre nombramiento y remoción: evaluable.")]
    [InlineData(EmploymentType.Career, false, "Carrera administrativa: no se evalúa en la Evaluación de la Gestión Institucional.")]
    [InlineData(EmploymentType.Temporary, false, "Empleo temporal: no se evalúa en la Evaluación de la Gestión Institucional.")]
    [InlineData(EmploymentType.Contractor, false, "Contratista: no se evalúa en la Evaluación de la Gestión Institucional.")]
    public void Only_provisional_and_free_appointment_are_evaluated(EmploymentType type, bool eligible, string reason)
    {
        var e = Eligibility.Of(type, isPublicManager: false, retirementDate: null, Today);
        Assert.Equal(eligible, e.IsEligible);
        Assert.Equal(reason, e.Reason);
    }

    [Theory]
    [InlineData(EmploymentType.FreeAppointment)]
    [InlineData(EmploymentType.Provisional)]
    public void A_gerente_publico_is_not_evaluated_here(EmploymentType type)
    {
        var e = Eligibility.Of(type, isPublicManager: true, retirementDate: null, Today);
        Assert.False(e.IsEligible);
        Assert.Contains("Gerente público", e.Reason);
        Assert.Contains("acuerdos de gestión", e.Reason);
    }

    [Fact]
    public void A_career_servant_flagged_gerente_is_refused_for_the_vinculacion_first()
    {
        var e = Eligibility.Of(EmploymentType.Career, isPublicManager: true, retirementDate: null, Today);
        Assert.False(e.IsEligible);
        Assert.StartsWith("Carrera administrativa", e.Reason);
    }

    [Fact]
    public void Retired_yesterday_is_not_evaluable_and_says_since_when()
    {
        var e = Eligibility.Of(EmploymentType.Provisional, false, Today.AddDays(-1), Today);
        Assert.False(e.IsEligible);
        Assert.Equal("Retirado desde el 23/11/2026: no se evalúa.", e.Reason);
    }

    [Fact]
    public void Retired_today_is_not_evaluable()
    {
        var e = Eligibility.Of(EmploymentType.FreeAppointment, false, Today, Today);
        Assert.False(e.IsEligible);
        Assert.StartsWith("Retirado desde el 24/11/2026", e.Reason);
    }

    [Fact]
    public void Retiring_tomorrow_is_still_evaluable_today()
    {
        var e = Eligibility.Of(EmploymentType.Provisional, false, Today.AddDays(1), Today);
        Assert.True(e.IsEligible);
    }

    [Fact]
    public void Retirement_wins_over_every_other_reason()
    {
        var e = Eligibility.Of(EmploymentType.Contractor, true, Today.AddDays(-30), Today);
        Assert.StartsWith("Retirado", e.Reason);
    }

    [Fact]
    public void The_retirement_date_is_dd_MM_yyyy_whatever_the_thread_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            // Dutch uses "-" as date separator: the reason must not follow it.
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("nl-NL");
            var e = Eligibility.Of(EmploymentType.Provisional, false, new DateOnly(2026, 8, 31), Today);
            Assert.Contains("31/08/2026", e.Reason);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Servant_uses_its_own_fields()
    {
        var s = new Servant { EmploymentType = EmploymentType.Provisional, RetirementDate = Today };
        Assert.False(s.EligibilityOn(Today).IsEligible);
        Assert.True(s.IsRetired(Today));
        Assert.False(s.IsRetired(Today.AddDays(-1)));
        Assert.True(s.EligibilityOn(Today.AddDays(-1)).IsEligible);
    }

    [Fact]
    public void A_servant_is_evaluated_in_the_periods_of_the_years_they_worked_in_and_not_once_retired()
    {
        var hiredInJanuary = new Servant { EmploymentType = EmploymentType.Provisional, HireDate = new DateOnly(2027, 1, 12) };
        var january = new DateOnly(2027, 1, 12);
        Assert.False(hiredInJanuary.IsEvaluatedIn(2026, january)); // the period of 2026, still open in January: none of it worked
        Assert.True(hiredInJanuary.IsEvaluatedIn(2027, january));
        var hiredInOctober = new Servant { EmploymentType = EmploymentType.FreeAppointment, HireDate = new DateOnly(2026, 10, 1) };
        Assert.True(hiredInOctober.IsEvaluatedIn(2026, january));
        Assert.True(hiredInOctober.IsEvaluatedIn(2027, january));
        var retired = new Servant { EmploymentType = EmploymentType.Provisional, HireDate = new DateOnly(2020, 2, 3), RetirementDate = new DateOnly(2027, 1, 5) };
        Assert.False(retired.IsEvaluatedIn(2026, january));
        var career = new Servant { EmploymentType = EmploymentType.Career, HireDate = new DateOnly(2020, 2, 3) };
        Assert.False(career.IsEvaluatedIn(2026, january));
    }
}
