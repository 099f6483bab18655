using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsFeed.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ChangeNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "change_number",
                table: "providers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "change_number",
                table: "articles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "change_counter",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_change_counter", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_providers_change_number",
                table: "providers",
                column: "change_number");

            migrationBuilder.CreateIndex(
                name: "ix_articles_change_number_id",
                table: "articles",
                columns: new[] { "change_number", "id" });

            // The rows stored before change numbers existed are change 1; the counter hands out 2 next.
            migrationBuilder.Sql("UPDATE articles SET change_number = 1; UPDATE providers SET change_number = 1; INSERT INTO change_counter (id, value) VALUES (1, 1);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "change_counter");

            migrationBuilder.DropIndex(
                name: "ix_providers_change_number",
                table: "providers");

            migrationBuilder.DropIndex(
                name: "ix_articles_change_number_id",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "change_number",
                table: "providers");

            migrationBuilder.DropColumn(
                name: "change_number",
                table: "articles");
        }
    }
}
