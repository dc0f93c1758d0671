using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JobEngine.Infrastructure.Migrations.Sqlite
{
    /// <summary>
    /// Stores the tree's nodes in their primary key's B-tree (<c>WITHOUT ROWID</c>): a rowid table
    /// keeps the rows in one B-tree and the key in a second, so every node cost two inserts, and a
    /// proof's reads went through the index to the row. EF Core cannot express the clause, so the
    /// table is rebuilt here; a later migration that rebuilds this table must keep it.
    /// </summary>
    public partial class TreeNodesWithoutRowid : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, " WITHOUT ROWID");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, "");

        private static void Rebuild(MigrationBuilder migrationBuilder, string tableOptions)
        {
            migrationBuilder.Sql(
                "CREATE TABLE \"audit_tree_nodes_rebuilt\" (" +
                "\"tenant_id\" TEXT NOT NULL, \"level\" INTEGER NOT NULL, \"node_index\" INTEGER NOT NULL, \"hash\" BLOB NOT NULL, " +
                "CONSTRAINT \"PK_audit_tree_nodes\" PRIMARY KEY (\"tenant_id\", \"level\", \"node_index\"))" + tableOptions + ";");
            migrationBuilder.Sql(
                "INSERT INTO \"audit_tree_nodes_rebuilt\" (\"tenant_id\", \"level\", \"node_index\", \"hash\") " +
                "SELECT \"tenant_id\", \"level\", \"node_index\", \"hash\" FROM \"audit_tree_nodes\";");

            // Dropping the table drops its triggers without firing them; they are created again below.
            migrationBuilder.Sql("DROP TABLE \"audit_tree_nodes\";");
            migrationBuilder.Sql("ALTER TABLE \"audit_tree_nodes_rebuilt\" RENAME TO \"audit_tree_nodes\";");
            migrationBuilder.Sql(
                "CREATE TRIGGER audit_tree_nodes_refuse_update BEFORE UPDATE ON audit_tree_nodes " +
                "BEGIN SELECT RAISE(ABORT, 'audit_tree_nodes is append-only: UPDATE refused'); END;");
            migrationBuilder.Sql(
                "CREATE TRIGGER audit_tree_nodes_refuse_delete BEFORE DELETE ON audit_tree_nodes " +
                "BEGIN SELECT RAISE(ABORT, 'audit_tree_nodes is append-only: DELETE refused'); END;");
        }
    }
}
