using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JobEngine.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditTree : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "tree_frontier",
                table: "audit_chain_heads",
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.CreateTable(
                name: "audit_tree_nodes",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    node_index = table.Column<long>(type: "INTEGER", nullable: false),
                    hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_tree_nodes", x => new { x.tenant_id, x.level, x.node_index });
                });

            // The tree is append-only in the store itself, like the entries it is built from.
            migrationBuilder.Sql(
                "CREATE TRIGGER audit_tree_nodes_refuse_update BEFORE UPDATE ON audit_tree_nodes " +
                "BEGIN SELECT RAISE(ABORT, 'audit_tree_nodes is append-only: UPDATE refused'); END;");
            migrationBuilder.Sql(
                "CREATE TRIGGER audit_tree_nodes_refuse_delete BEFORE DELETE ON audit_tree_nodes " +
                "BEGIN SELECT RAISE(ABORT, 'audit_tree_nodes is append-only: DELETE refused'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_tree_nodes_refuse_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_tree_nodes_refuse_update;");
            migrationBuilder.DropTable(
                name: "audit_tree_nodes");

            migrationBuilder.DropColumn(
                name: "tree_frontier",
                table: "audit_chain_heads");
        }
    }
}
