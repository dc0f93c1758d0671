using JobEngine.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace JobEngine.Infrastructure.Tests;

public sealed class TransientFailuresTests
{
    [Theory]
    [InlineData(PostgresErrorCodes.SerializationFailure, null, true)]
    [InlineData(PostgresErrorCodes.DeadlockDetected, null, true)]
    [InlineData(PostgresErrorCodes.TooManyConnections, null, true)]
    [InlineData(PostgresErrorCodes.UniqueViolation, "PK_audit_chain_heads", true)]
    [InlineData(PostgresErrorCodes.UniqueViolation, "ux_jobs_tenant_idempotency_key", false)]
    [InlineData(PostgresErrorCodes.CheckViolation, null, false)]
    [InlineData("P0001", null, false)]
    public void PostgresFailures_AreRetriedOnlyWhenRunningAgainCanSucceed(string sqlState, string? constraint, bool transient)
    {
        var failure = new PostgresException("failure", "ERROR", "ERROR", sqlState, constraintName: constraint);

        Assert.Equal(transient, TransientFailures.IsTransient(new DbUpdateException("save failed", failure)));
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(6, true)]
    [InlineData(13, false)]
    [InlineData(19, false)]
    public void SqliteBusyAndLocked_AreTransient_FullAndConstraintAreNot(int code, bool transient)
    {
        Assert.Equal(transient, TransientFailures.IsTransient(new SqliteException("failure", code)));
    }
}
