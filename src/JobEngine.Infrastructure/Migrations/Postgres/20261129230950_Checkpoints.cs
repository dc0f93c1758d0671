using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JobEngine.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Checkpoints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_checkpoints",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    tree_size = table.Column<long>(type: "bigint", nullable: false),
                    root_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    signed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    note = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_checkpoints", x => new { x.tenant_id, x.tree_size });
                });

            // Checkpoints are append-only in the store itself, like the entries they vouch for.
            migrationBuilder.Sql(
                "CREATE TRIGGER audit_checkpoints_refuse_update BEFORE UPDATE ON audit_checkpoints " +
                "FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse_change();");
            migrationBuilder.Sql(
                "CREATE TRIGGER audit_checkpoints_refuse_delete BEFORE DELETE ON audit_checkpoints " +
                "FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse_change();");
            migrationBuilder.Sql(
                "CREATE TRIGGER audit_checkpoints_refuse_truncate BEFORE TRUNCATE ON audit_checkpoints " +
                "FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_refuse_change();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_checkpoints_refuse_truncate ON audit_checkpoints;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_checkpoints_refuse_delete ON audit_checkpoints;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_checkpoints_refuse_update ON audit_checkpoints;");
            migrationBuilder.DropTable(
                name: "audit_checkpoints");
        }
    }
}
