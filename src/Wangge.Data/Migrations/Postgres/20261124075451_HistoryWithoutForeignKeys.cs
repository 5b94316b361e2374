using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wangge.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HistoryWithoutForeignKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_business_versions_businesses_business_id",
                table: "business_versions");

            migrationBuilder.DropForeignKey(
                name: "fk_risk_ratings_businesses_business_id",
                table: "risk_ratings");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "fk_business_versions_businesses_business_id",
                table: "business_versions",
                column: "business_id",
                principalTable: "businesses",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_risk_ratings_businesses_business_id",
                table: "risk_ratings",
                column: "business_id",
                principalTable: "businesses",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
