using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JobEngine.Infrastructure.Migrations.Sqlite
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
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    tree_size = table.Column<long>(type: "INTEGER", nullable: false),
                    root_hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    signed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_checkpoints", x => new { x.tenant_id, x.tree_size });
                });

            // Checkpoints are append-only in the store itself, like the entries they vouch for.
            migrationBuilder.Sql(
                "CREATE TRIGGER audit_checkpoints_refuse_update BEFORE UPDATE ON audit_checkpoints " +
                "BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only: UPDATE refused'); END;");
            migrationBuilder.Sql(
                "CREATE TRIGGER audit_checkpoints_refuse_delete BEFORE DELETE ON audit_checkpoints " +
                "BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only: DELETE refused'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_checkpoints_refuse_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_checkpoints_refuse_update;");
            migrationBuilder.DropTable(
                name: "audit_checkpoints");
        }
    }
}
