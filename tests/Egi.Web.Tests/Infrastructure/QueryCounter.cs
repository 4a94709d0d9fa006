using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Egi.Web.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands EF Core sends (readers, scalars, non-queries), so a test can hold a page to a constant
/// number of round trips whatever the size of the entity. Background workers must be off while counting.
/// </summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    private int count;
    private System.Collections.Concurrent.ConcurrentQueue<string> texts = new();

    public int Count => Volatile.Read(ref count);

    /// <summary>The text of every command counted since the last <see cref="Reset"/>, in order.</summary>
    public IReadOnlyList<string> Texts => [.. texts];

    public void Reset()
    {
        Interlocked.Exchange(ref count, 0);
        Interlocked.Exchange(ref texts, new());
    }

    private void Hit(DbCommand command)
    {
        Interlocked.Increment(ref count);
        texts.Enqueue(command.CommandText);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Hit(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Hit(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Hit(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Hit(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Hit(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Hit(command);
        return ValueTask.FromResult(result);
    }
}
