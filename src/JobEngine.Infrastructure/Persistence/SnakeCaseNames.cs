using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace JobEngine.Infrastructure.Persistence;

/// <summary>Names JobEngine's own columns in snake_case (OpenIddict's tables keep their names).</summary>
internal static class SnakeCaseNames
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes()
                     .Where(entity => entity.ClrType.Namespace?.StartsWith("JobEngine.", StringComparison.Ordinal) == true))
        {
            foreach (var property in entity.GetProperties()
                         .Where(property => property.FindAnnotation(RelationalAnnotationNames.ColumnName) is null))
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
