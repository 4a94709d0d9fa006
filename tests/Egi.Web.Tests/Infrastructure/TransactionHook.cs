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
public sealed class TransactionHook : DbTransactionInterceptor, ISaveChangesInterceptor
{
    private DbContext? target;
    private Func<Task>? step;
    private DbContext? committing;
    private Func<Task>? commitStep;

    private int savepoints;

    /// <summary>The savepoints EF Core has set in any context of the host (inside a transaction, before each inner SaveChanges).</summary>
    public int Savepoints => Volatile.Read(ref savepoints);

    public override InterceptionResult CreatingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        Interlocked.Increment(ref savepoints);
        return result;
    }

    public override ValueTask<InterceptionResult> CreatingSavepointAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref savepoints);
        return ValueTask.FromResult(result);
    }

    private int saves;

    /// <summary>The SaveChanges EF Core has run in any context of the host (each inner one of a save counts).</summary>
    public int Saves => Volatile.Read(ref saves);

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Interlocked.Increment(ref saves);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref saves);
        return ValueTask.FromResult(result);
    }

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

    /// <summary>
    /// Runs <paramref name="then"/> once, when <paramref name="context"/> next begins a transaction; with no context, when
    /// any context of the host next does (a request's, whose context the test cannot name).
    /// </summary>
    public void Before(DbContext? context, Func<Task> then)
    {
        target = context;
        step = then;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (step is { } run && (target is null || ReferenceEquals(eventData.Context, target)))
        {
            step = null;
            target = null;
            await run();
        }
        return result;
    }
}
