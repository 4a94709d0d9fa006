using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Egi.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Egi.Web.Data;

/// <summary>
/// Queries that every request of a page runs with the same shape, compiled once by EF Core
/// (<see cref="EF.CompileAsyncQuery{TContext,TParam1,TResult}(Expression{Func{TContext,TParam1,CancellationToken,TResult}})"/>).
/// An ordinary LINQ query builds its expression tree on every call (the C# compiler emits reflection calls for each
/// member) and EF Core walks that tree again to find its parameters and its cache entry: most of what a small page
/// allocates. A compiled query skips both. Rules of the domain that take a day (<see cref="DayRuleAttribute"/>) are
/// inlined with the query's own parameter. EF Core binds a compiled query to the model of the first context that runs
/// it, and the two providers have two models: <see cref="PerModel{TDelegate}"/> keeps one per model.
/// </summary>
public static class CompiledQueries
{
    /// <summary>A query that returns one row (or a scalar) from two parameters.</summary>
    public static PerModel<Func<EgiDbContext, T1, T2, CancellationToken, Task<TResult>>> Single<T1, T2, TResult>(
        Expression<Func<EgiDbContext, T1, T2, CancellationToken, TResult>> query) =>
        new(() => EF.CompileAsyncQuery(InlineDayRules(query)));

    /// <summary>A query that returns one row (or a scalar) from three parameters.</summary>
    public static PerModel<Func<EgiDbContext, T1, T2, T3, CancellationToken, Task<TResult>>> Single<T1, T2, T3, TResult>(
        Expression<Func<EgiDbContext, T1, T2, T3, CancellationToken, TResult>> query) =>
        new(() => EF.CompileAsyncQuery(InlineDayRules(query)));

    /// <summary>A query that returns rows, without parameters.</summary>
    public static PerModel<Func<EgiDbContext, IAsyncEnumerable<TResult>>> List<TResult>(
        Expression<Func<EgiDbContext, IQueryable<TResult>>> query) =>
        new(() => EF.CompileAsyncQuery(InlineDayRules(query)));

    /// <summary>A query that returns rows from one parameter.</summary>
    public static PerModel<Func<EgiDbContext, T1, IAsyncEnumerable<TResult>>> List<T1, TResult>(
        Expression<Func<EgiDbContext, T1, IQueryable<TResult>>> query) =>
        new(() => EF.CompileAsyncQuery(InlineDayRules(query)));

    /// <summary>
    /// <paramref name="query"/> with every call to a method marked <see cref="DayRuleAttribute"/> (e.g.
    /// <c>Servant.ActiveOn(today)</c> on the query's parameter <c>today</c>) replaced by the rule it names.
    /// </summary>
    public static Expression<TDelegate> InlineDayRules<TDelegate>(Expression<TDelegate> query) =>
        (Expression<TDelegate>)new DayRuleInliner().Visit(query);

    private sealed class DayRuleInliner : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.GetCustomAttribute<DayRuleAttribute>() is not { } marked) return base.VisitMethodCall(node);
            var rule = (LambdaExpression?)node.Method.DeclaringType!.GetProperty(marked.Rule, BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
                ?? throw new InvalidOperationException($"{node.Method.DeclaringType.Name}.{marked.Rule} is not a public static rule.");
            var day = Visit(node.Arguments[0]);
            return Expression.Quote(Expression.Lambda(DayRule.Substitute(rule.Body, rule.Parameters[1], day), rule.Parameters[0]));
        }
    }
}

/// <summary>One compiled query per EF Core model (see <see cref="CompiledQueries"/>).</summary>
public sealed class PerModel<TDelegate>(Func<TDelegate> compile) where TDelegate : Delegate
{
    private readonly ConcurrentDictionary<IModel, TDelegate> byModel = new();

    /// <summary>The query compiled for <paramref name="db"/>'s model.</summary>
    public TDelegate For(DbContext db) => byModel.GetOrAdd(db.Model, static (_, c) => c(), compile);
}
