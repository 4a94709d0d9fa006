using Egi.Domain.Directory;

namespace Egi.Domain.Tests.Directory;

/// <summary>The query form of eligibility (used by lists in SQL) answers exactly as the rule itself.</summary>
public class EligibilityExpressionTests
{
    [Fact]
    public void The_expression_and_the_rule_agree_on_every_combination()
    {
        var today = new DateOnly(2026, 6, 15);
        var isEligible = Eligibility.IsEligibleOn(today).Compile();
        DateOnly?[] retirements = [null, today.AddDays(-1), today, today.AddDays(1)];
        var checkedCases = 0;
        foreach (var type in Enum.GetValues<EmploymentType>())
            foreach (var manager in new[] { false, true })
                foreach (var retirement in retirements)
                {
                    var s = new Servant { EmploymentType = type, IsPublicManager = manager, RetirementDate = retirement };
                    Assert.True(s.EligibilityOn(today).IsEligible == isEligible(s), $"{type}, gerente {manager}, retiro {retirement}");
                    checkedCases++;
                }
        Assert.Equal(Enum.GetValues<EmploymentType>().Length * 2 * retirements.Length, checkedCases);
    }

    [Fact]
    public void Eligible_on_a_day_is_of_an_evaluable_type_and_active_that_day()
    {
        var today = new DateOnly(2026, 6, 15);
        var isEligible = Eligibility.IsEligibleOn(today).Compile();
        var ofEvaluableType = Eligibility.IsOfEvaluableType.Compile();
        var active = Servant.ActiveOn(today).Compile();
        var evaluable = 0;
        foreach (var type in Enum.GetValues<EmploymentType>())
            foreach (var manager in new[] { false, true })
                foreach (var retirement in new DateOnly?[] { null, today.AddDays(-1), today, today.AddDays(1) })
                {
                    var s = new Servant { EmploymentType = type, IsPublicManager = manager, RetirementDate = retirement };
                    Assert.True(isEligible(s) == (ofEvaluableType(s) && active(s)), $"{type}, gerente {manager}, retiro {retirement}");
                    if (ofEvaluableType(s)) evaluable++;
                }
        // Provisional and libre nombramiento, not gerente público, whatever the retiro (four dates).
        Assert.Equal(2 * 4, evaluable);
    }

    [Fact]
    public void Active_and_retired_as_queries_answer_as_IsRetired_on_each_side_of_the_date()
    {
        var today = new DateOnly(2026, 6, 15);
        var active = Servant.ActiveOn(today).Compile();
        var retired = Servant.RetiredOn(today).Compile();
        foreach (var retirement in new DateOnly?[] { null, today.AddDays(-1), today, today.AddDays(1) })
        {
            var s = new Servant { RetirementDate = retirement };
            Assert.Equal(s.IsRetired(today), retired(s));
            Assert.Equal(!s.IsRetired(today), active(s));
            Assert.Equal(s.IsRetired(today), Servant.RetiredBy(retirement, today));
        }
        // The retiro takes effect on its own date: retired that day, active the day before.
        Assert.True(new Servant { RetirementDate = today }.IsRetired(today));
        Assert.False(new Servant { RetirementDate = today.AddDays(1) }.IsRetired(today));
    }

    [Fact]
    public void A_day_fixed_into_a_rule_is_a_value_the_query_reads_not_a_constant_of_its_text()
    {
        // EF Core sends a closure's field as a parameter and keeps one plan for every day; a constant would make a new
        // SQL text (and a new cached query) each day.
        var rule = Servant.ActiveOn(new DateOnly(2026, 6, 15));
        var constants = new ConstantCollector();
        constants.Visit(rule);
        Assert.DoesNotContain(constants.Found, c => c.Value is DateOnly);
        Assert.Contains(constants.Found, c => c.Type.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), false));
    }

    private sealed class ConstantCollector : System.Linq.Expressions.ExpressionVisitor
    {
        public List<System.Linq.Expressions.ConstantExpression> Found { get; } = [];

        protected override System.Linq.Expressions.Expression VisitConstant(System.Linq.Expressions.ConstantExpression node)
        {
            Found.Add(node);
            return base.VisitConstant(node);
        }
    }
}
