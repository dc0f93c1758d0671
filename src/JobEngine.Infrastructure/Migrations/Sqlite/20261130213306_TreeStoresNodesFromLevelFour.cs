using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JobEngine.Infrastructure.Migrations.Sqlite
{
    /// <summary>
    /// The tree no longer stores nodes below level 4 (<c>TreeNode.LowestStoredLevel</c>): they are
    /// recomputed from the entries under them when read, so the ones already stored are removed. Going
    /// back, every head loses its right edge, so the older version's start-up rebuilds each tree and
    /// writes the nodes it misses.
    /// </summary>
    public partial class TreeStoresNodesFromLevelFour : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The table refuses DELETE; the trigger is set aside for this one statement and created again as it was.
            migrationBuilder.Sql("DROP TRIGGER audit_tree_nodes_refuse_delete;");
            migrationBuilder.Sql("DELETE FROM audit_tree_nodes WHERE level < 4;");
            migrationBuilder.Sql(
                "CREATE TRIGGER audit_tree_nodes_refuse_delete BEFORE DELETE ON audit_tree_nodes " +
                "BEGIN SELECT RAISE(ABORT, 'audit_tree_nodes is append-only: DELETE refused'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE audit_chain_heads SET tree_frontier = X'';");
        }
    }
}
