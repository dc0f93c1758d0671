using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JobEngine.Infrastructure.Migrations.Postgres
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
            // The table refuses DELETE; the trigger is set aside for this one statement, in the migration's transaction.
            migrationBuilder.Sql("ALTER TABLE audit_tree_nodes DISABLE TRIGGER audit_tree_nodes_refuse_delete;");
            migrationBuilder.Sql("DELETE FROM audit_tree_nodes WHERE level < 4;");
            migrationBuilder.Sql("ALTER TABLE audit_tree_nodes ENABLE TRIGGER audit_tree_nodes_refuse_delete;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE audit_chain_heads SET tree_frontier = ''::bytea;");
        }
    }
}
