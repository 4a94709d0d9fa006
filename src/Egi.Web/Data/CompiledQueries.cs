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
/// allocates. A compiled query skips both. Rules of the domain that take a day and fragments shared by several
/// compiled queries (<see cref="ExpandsToAttribute"/>) are inlined with the query's own parameters. EF Core binds a
/// compiled query to the model of the first context that runs it, and the two providers have two models:
/// <see cref="PerModel{TDelegate}"/> keeps one per model.
/// </summary>
public static class CompiledQueries
{
    /// <summary>A query that returns one row (or a scalar), without parameters.</summary>
    public static PerModel<Func<EgiDbContext, CancellationToken, Task<TResult>>> Single<TResult>(
        Expression<Func<EgiDbContext, CancellationToken, TResult>> query) =>
        new(() => EF.CompileAsyncQuery(Expand(query)));

    /// <summary>A query that returns one row (or a scalar) from one parameter.</summary>
    public static PerModel<Func<EgiDbContext, T1, CancellationToken, Task<TResult>>> Single<T1, TResult>(
        Expression<Func<EgiDbContext, T1, CancellationToken, TResult>> query) =>
        new(() => EF.CompileAsyncQuery(Expand(query)));

    /// <summary>A query that returns one row (or a scalar) from two parameters.</summary>
    public static PerModel<Func<EgiDbContext, T1, T2, CancellationToken, Task<TResult>>> Single<T1, T2, TResult>(
        Expression<Func<EgiDbContext, T1, T2, CancellationToken, TResult>> query) =>
        new(() => EF.CompileAsyncQuery(Expand(query)));

    /// <summary>A query that returns one row (or a scalar) from three parameters.</summary>
    public static PerModel<Func<EgiDbContext, T1, T2, T3, CancellationToken, Task<TResult>>> Single<T1, T2, T3, TResult>(
        Expression<Func<EgiDbContext, T1, T2, T3, CancellationToken, TResult>> query) =>
        new(() => EF.CompileAsyncQuery(Expand(query)));

    /// <summary>A query that returns rows, without parameters.</summary>
    public static PerModel<Func<EgiDbContext, IAsyncEnumerable<TResult>>> List<TResult>(
        Expression<Func<EgiDbContext, IQueryable<TResult>>> query) =>
        new(() => EF.CompileAsyncQuery(Expand(query)));

    /// <summary>A query that returns rows from one parameter.</summary>
    public static PerModel<Func<EgiDbContext, T1, IAsyncEnumerable<TResult>>> List<T1, TResult>(
        Expression<Func<EgiDbContext, T1, IQueryable<TResult>>> query) =>
        new(() => EF.CompileAsyncQuery(Expand(query)));

    /// <summary>A query that returns rows from two parameters.</summary>
    public static PerModel<Func<EgiDbContext, T1, T2, IAsyncEnumerable<TResult>>> List<T1, T2, TResult>(
        Expression<Func<EgiDbContext, T1, T2, IQueryable<TResult>>> query) =>
        new(() => EF.CompileAsyncQuery(Expand(query)));

    /// <summary>A query that returns rows from three parameters.</summary>
    public static PerModel<Func<EgiDbContext, T1, T2, T3, IAsyncEnumerable<TResult>>> List<T1, T2, T3, TResult>(
        Expression<Func<EgiDbContext, T1, T2, T3, IQueryable<TResult>>> query) =>
        new(() => EF.CompileAsyncQuery(Expand(query)));

    /// <summary>A query that returns rows from four parameters (a page of a list: two of them skip and take).</summary>
    public static PerModel<Func<EgiDbContext, T1, T2, T3, T4, IAsyncEnumerable<TResult>>> List<T1, T2, T3, T4, TResult>(
        Expression<Func<EgiDbContext, T1, T2, T3, T4, IQueryable<TResult>>> query) =>
        new(() => EF.CompileAsyncQuery(Expand(query)));

    /// <summary>
    /// <paramref name="query"/> with every call to a method marked <see cref="ExpandsToAttribute"/> (a rule of the domain
    /// such as <c>Servant.ActiveOn(today)</c> on the query's parameter <c>today</c>, or a query fragment) replaced by the
    /// expression it names, the call's arguments in place of its last parameters; and every call to a method of
    /// <paramref name="inlined"/> by the expression given for it — a fragment that differs from one compiled query to the
    /// next (a step's predicate), where the attribute names one fixed expression.
    /// </summary>
    public static Expression<TDelegate> Expand<TDelegate>(Expression<TDelegate> query, params (MethodInfo Marker, LambdaExpression Expression)[] inlined) =>
        (Expression<TDelegate>)new Expander(inlined.ToDictionary(x => x.Marker, x => x.Expression)).Visit(query);

    /// <summary>
    /// What the body of a query fragment marked <see cref="ExpandsToAttribute"/> throws: it names the expression that
    /// replaces it inside a compiled query, and is never meant to run on its own.
    /// </summary>
    public static InvalidOperationException NotExpanded(string fragment) =>
        new($"{fragment} is a query fragment: it runs only inside a query given to CompiledQueries (Expand).");

    private sealed class Expander(Dictionary<MethodInfo, LambdaExpression> inlined) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (!inlined.TryGetValue(node.Method, out var expression))
            {
                if (node.Method.GetCustomAttribute<ExpandsToAttribute>() is not { } marked) return base.VisitMethodCall(node);
                var type = node.Method.DeclaringType!;
                expression = type.GetProperty(marked.Expression, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null) as LambdaExpression
                    ?? throw new InvalidOperationException($"{type.Name}.{marked.Expression} is not a static expression.");
            }
            var leading = expression.Parameters.Count - node.Arguments.Count;
            var body = expression.Body;
            for (var i = 0; i < node.Arguments.Count; i++)
                body = DayRule.Substitute(body, expression.Parameters[leading + i], Visit(node.Arguments[i]));
            // A fragment may call other marked methods.
            body = Visit(body);
            return typeof(LambdaExpression).IsAssignableFrom(node.Method.ReturnType)
                ? Expression.Quote(Expression.Lambda(body, expression.Parameters.Take(leading)))
                : body;
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
