using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>
/// Inserts new rows of one entity type in the current transaction with as few statements as the
/// store allows, without EF Core's change tracking and per-row modification commands. On
/// PostgreSQL: one <c>INSERT … SELECT * FROM unnest(…)</c> with one array parameter per column,
/// whatever the number of rows. On SQLite: one prepared single-row <c>INSERT</c> run once per row;
/// SQLite runs in-process, so a statement costs no round trip, while a multi-row statement would
/// bind its many named parameters by a linear search each. Values pass through EF Core's type
/// mappings and value converters, so a row is stored exactly as <c>SaveChanges</c> would store it.
/// </summary>
public static class MultiRowInsert
{
    private static readonly ConditionalWeakTable<IModel, ConcurrentDictionary<Type, Table>> Tables = [];

    public static async Task InsertAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                          ?? throw new InvalidOperationException("Rows are inserted inside the transaction that commits them.");
        var table = Tables.GetOrCreateValue(db.Model).GetOrAdd(typeof(T), Table.Of, db);
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        if (db.Database.IsNpgsql())
        {
            await InsertFromArraysAsync(command, table, rows, cancellationToken);
        }
        else
        {
            await InsertOneByOneAsync(command, table, rows, cancellationToken);
        }
    }

    private static async Task InsertFromArraysAsync<T>(DbCommand command, Table table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        command.CommandText = table.ArrayInsert;
        foreach (var column in table.Columns)
        {
            var values = Array.CreateInstance(column.ProviderType, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                values.SetValue(column.ProviderValue(rows[i]), i);
            }

            command.Parameters.Add(new NpgsqlParameter { Value = values });
        }

        var inserted = await command.ExecuteNonQueryAsync(cancellationToken);
        if (inserted != rows.Count)
        {
            throw new InvalidOperationException($"{inserted} rows of {table.Name} were inserted instead of {rows.Count}.");
        }
    }

    private static async Task InsertOneByOneAsync<T>(DbCommand command, Table table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        command.CommandText = table.RowInsert;
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            for (var i = 0; i < table.Columns.Length; i++)
            {
                var column = table.Columns[i];
                command.Parameters.Add(column.Mapping.CreateParameter(command, "@p" + i, column.Getter.GetClrValue(row), column.IsNullable));
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private sealed record Column(IClrPropertyGetter Getter, RelationalTypeMapping Mapping, Type ProviderType, bool IsNullable)
    {
        public object? ProviderValue(object row) =>
            Getter.GetClrValue(row) is { } value ? Mapping.Converter?.ConvertToProvider(value) ?? value : null;
    }

    private sealed class Table(string name, Column[] columns, string rowInsert, string arrayInsert)
    {
        public string Name => name;

        public Column[] Columns => columns;

        /// <summary>INSERT of one row, its values bound as <c>@p0</c>, <c>@p1</c>, … in column order.</summary>
        public string RowInsert => rowInsert;

        /// <summary>INSERT of every row at once, each column's values one array, bound as <c>$1</c>, <c>$2</c>, … in column order.</summary>
        public string ArrayInsert => arrayInsert;

        public static Table Of(Type clrType, DbContext db)
        {
            var entityType = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not an entity type.");
            var name = entityType.GetTableName() ?? throw new InvalidOperationException($"{clrType.Name} is not mapped to a table.");
            if (entityType.GetComplexProperties().Any() || entityType.GetNavigations().Any())
            {
                // Their columns are not among GetProperties(): inserted as they are, the rows would lose them.
                throw new InvalidOperationException($"{clrType.Name} has complex or owned parts, which rows inserted here would leave out.");
            }

            var store = StoreObjectIdentifier.Table(name, entityType.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            var properties = entityType.GetProperties().ToArray();
            var columns = properties.Select(property =>
            {
                var mapping = (RelationalTypeMapping)property.GetTypeMapping();
                var providerType = mapping.Converter?.ProviderClrType ?? property.ClrType;
                if (property.IsNullable && providerType.IsValueType && Nullable.GetUnderlyingType(providerType) is null)
                {
                    providerType = typeof(Nullable<>).MakeGenericType(providerType);
                }

                return new Column(property.GetGetter(), mapping, providerType, property.IsNullable);
            }).ToArray();
            var names = string.Join(", ", properties.Select(property =>
                sql.DelimitIdentifier(property.GetColumnName(store) ?? throw new InvalidOperationException($"{property.Name} has no column."))));
            var into = $"INSERT INTO {sql.DelimitIdentifier(name, entityType.GetSchema())} ({names})";
            var rowInsert = new StringBuilder(into).Append(" VALUES (")
                .AppendJoin(", ", columns.Select((_, i) => "@p" + i)).Append(')').ToString();
            var arrayInsert = new StringBuilder(into).Append(" SELECT * FROM unnest(")
                .AppendJoin(", ", columns.Select((_, i) => "$" + (i + 1))).Append(')').ToString();
            return new Table(name, columns, rowInsert, arrayInsert);
        }
    }
}
