using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JobEngine.Infrastructure.Migrations.Postgres
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
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.CreateTable(
                name: "audit_tree_nodes",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    node_index = table.Column<long>(type: "bigint", nullable: false),
                    hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_tree_nodes", x => new { x.tenant_id, x.level, x.node_index });
                });

            // The tree is append-only in the store itself, like the entries it is built from.
            migrationBuilder.Sql(
                "CREATE TRIGGER audit_tree_nodes_refuse_update BEFORE UPDATE ON audit_tree_nodes " +
                "FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse_change();");
            migrationBuilder.Sql(
                "CREATE TRIGGER audit_tree_nodes_refuse_delete BEFORE DELETE ON audit_tree_nodes " +
                "FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse_change();");
            migrationBuilder.Sql(
                "CREATE TRIGGER audit_tree_nodes_refuse_truncate BEFORE TRUNCATE ON audit_tree_nodes " +
                "FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_refuse_change();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_tree_nodes_refuse_truncate ON audit_tree_nodes;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_tree_nodes_refuse_delete ON audit_tree_nodes;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_tree_nodes_refuse_update ON audit_tree_nodes;");
            migrationBuilder.DropTable(
                name: "audit_tree_nodes");

            migrationBuilder.DropColumn(
                name: "tree_frontier",
                table: "audit_chain_heads");
        }
    }
}
