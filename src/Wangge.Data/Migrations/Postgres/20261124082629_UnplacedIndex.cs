using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wangge.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UnplacedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_businesses_grid_id",
                table: "businesses");

            migrationBuilder.CreateIndex(
                name: "ix_businesses_unplaced",
                table: "businesses",
                column: "grid_id",
                filter: "grid_id IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_businesses_unplaced",
                table: "businesses");

            migrationBuilder.CreateIndex(
                name: "ix_businesses_grid_id",
                table: "businesses",
                column: "grid_id");
        }
    }
}
