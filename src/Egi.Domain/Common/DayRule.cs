using System.Linq.Expressions;

namespace Egi.Domain.Common;

/// <summary>
/// A rule of the domain over one row and a day, written once as an expression a database query runs
/// (<see cref="Directory.Servant.IsActiveOn"/>). <see cref="On{T}"/> fixes the day for an ordinary query; a query
/// compiled once (EF Core's compiled queries, which take the day as their own parameter) calls the method marked with
/// <see cref="ExpandsToAttribute"/> on that parameter, and the data layer inlines the rule there.
/// </summary>
public static class DayRule
{
    /// <summary>The rule with its day fixed to <paramref name="today"/>, which the database receives as a parameter.</summary>
    public static Expression<Func<T, bool>> On<T>(Expression<Func<T, DateOnly, bool>> rule, DateOnly today)
    {
        Expression<Func<DateOnly>> day = () => today;
        return Expression.Lambda<Func<T, bool>>(Substitute(rule.Body, rule.Parameters[1], day.Body), rule.Parameters[0]);
    }

    /// <summary><paramref name="body"/> with <paramref name="parameter"/> replaced by <paramref name="value"/>.</summary>
    public static Expression Substitute(Expression body, ParameterExpression parameter, Expression value) =>
        new Substitution(parameter, value).Visit(body);

    private sealed class Substitution(ParameterExpression parameter, Expression value) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? value : node;
    }
}

/// <summary>
/// Marks a method that a query compiled once may call on its own parameters: the data layer replaces the call by the
/// expression held in the named public static property of the same class. The property's last parameters take the
/// call's arguments. When the method returns an expression (a rule such as <c>Servant.ActiveOn(today)</c>, whose
/// property is <c>Servant.IsActiveOn(servant, today)</c>), its leading parameters stay those of the rule; otherwise
/// (a query fragment) the call is replaced by the property's body.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ExpandsToAttribute(string expression) : Attribute
{
    public string Expression { get; } = expression;
}
