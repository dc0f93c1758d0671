using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>
/// The column list of a raw <c>SELECT</c> that EF Core materializes into an entity. EF Core reads a
/// complex type's columns under their default names in <c>FromSql</c>, not the configured ones
/// (dotnet/efcore#38303), so those are selected under their default names. Should EF Core fix
/// that, the row-lock queries fail at once in the PostgreSQL tests rather than silently.
/// </summary>
internal static class SelectList
{
    private static readonly ConcurrentDictionary<Type, string> Lists = new();

    public static string Of<TEntity>(DbContext db) => Lists.GetOrAdd(typeof(TEntity), _ => Build(db.Model.FindEntityType(typeof(TEntity))!));

    private static string Build(IEntityType entity)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Select(property => Quote(property.GetColumnName(table)!));
        var complexColumns = entity.GetComplexProperties()
            .SelectMany(complex => complex.ComplexType.GetProperties())
            .Select(property => $"{Quote(property.GetColumnName(table)!)} AS {Quote(property.GetDefaultColumnName(table)!)}");
        return string.Join(", ", columns.Concat(complexColumns));
    }

    private static string Quote(string column) => $"\"{column}\"";
}
