using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Egi.Web.Tests.Infrastructure;

/// <summary>
/// Runs a test's step just before one chosen context starts a transaction: how a test puts another request's save
/// between what a save has read and what it writes (<see cref="Evaluations.ConcurrentSaveTests"/>); or just before it
/// commits one: how a test starts another save while the first holds its locks (<see cref="Scale.DependencyHeadcountTests"/>).
/// Inert until <see cref="Before"/> or <see cref="BeforeCommit"/> is called; each hook runs once, and a shared host's
/// reset between two tests disarms one that never ran (<see cref="Disarm"/>): contexts come from a pool, and the next
/// test's could be the same object.
/// </summary>
public sealed class TransactionHook : DbTransactionInterceptor
{
    private DbContext? target;
    private Func<Task>? step;
    private DbContext? committing;
    private Func<Task>? commitStep;

    /// <summary>Forgets both hooks if they have not run.</summary>
    public void Disarm()
    {
        target = null;
        step = null;
        committing = null;
        commitStep = null;
    }

    /// <summary>Runs <paramref name="then"/> once, when <paramref name="context"/> is about to commit its next transaction.</summary>
    public void BeforeCommit(DbContext context, Func<Task> then)
    {
        committing = context;
        commitStep = then;
    }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (commitStep is { } run && ReferenceEquals(eventData.Context, committing))
        {
            commitStep = null;
            committing = null;
            await run();
        }
        return result;
    }

    /// <summary>Runs <paramref name="then"/> once, when <paramref name="context"/> next begins a transaction.</summary>
    public void Before(DbContext context, Func<Task> then)
    {
        target = context;
        step = then;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (step is { } run && ReferenceEquals(eventData.Context, target))
        {
            step = null;
            target = null;
            await run();
        }
        return result;
    }
}
