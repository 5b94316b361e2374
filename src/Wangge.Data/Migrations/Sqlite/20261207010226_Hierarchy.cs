using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wangge.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Hierarchy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Grids existing before versions count as version 1, the first a writer can name in If-Match.
            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "grids",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "version",
                table: "grids");
        }
    }
}
