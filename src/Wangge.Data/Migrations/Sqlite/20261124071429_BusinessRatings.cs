using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wangge.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BusinessRatings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "business_ratings",
                columns: table => new
                {
                    business_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    score = table.Column<double>(type: "REAL", nullable: false),
                    @class = table.Column<string>(name: "class", type: "TEXT", maxLength: 2, nullable: false),
                    food_level = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    rated_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_business_ratings", x => x.business_id);
                    table.ForeignKey(
                        name: "fk_business_ratings_businesses_business_id",
                        column: x => x.business_id,
                        principalTable: "businesses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Every business keeps the rating it had: its row in the new table is filled before the columns go.
            migrationBuilder.Sql(
                "INSERT INTO business_ratings (business_id, score, class, food_level, rated_at) " +
                "SELECT id, risk_score, risk_class, food_risk, rated_at FROM businesses");

            // SQLite drops a plain column in place (3.35+); EF's generic DropColumn would rebuild the whole table outside
            // the migration's transaction.
            migrationBuilder.Sql("ALTER TABLE businesses DROP COLUMN food_risk");
            migrationBuilder.Sql("ALTER TABLE businesses DROP COLUMN rated_at");
            migrationBuilder.Sql("ALTER TABLE businesses DROP COLUMN risk_class");
            migrationBuilder.Sql("ALTER TABLE businesses DROP COLUMN risk_score");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.AddColumn<string>(
                name: "food_risk",
                table: "businesses",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "rated_at",
                table: "businesses",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "risk_class",
                table: "businesses",
                type: "TEXT",
                maxLength: 2,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<double>(
                name: "risk_score",
                table: "businesses",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.Sql(
                "UPDATE businesses SET risk_score = r.score, risk_class = r.class, food_risk = r.food_level, rated_at = r.rated_at " +
                "FROM business_ratings r WHERE r.business_id = businesses.id");

            migrationBuilder.DropTable(
                name: "business_ratings");
        }
    }
}
