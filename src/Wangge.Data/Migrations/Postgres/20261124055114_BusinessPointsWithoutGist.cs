using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wangge.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BusinessPointsWithoutGist : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_businesses_location_gist",
                table: "businesses");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_businesses_location_gist",
                table: "businesses",
                column: "location")
                .Annotation("Npgsql:IndexMethod", "gist");
        }
    }
}
