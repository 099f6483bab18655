using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsFeed.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LosslessArticles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "provider_name",
                table: "related_items",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "document_hash",
                table: "articles",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "provider_name",
                table: "articles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "article_provider_logos",
                columns: table => new
                {
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    article_id = table.Column<long>(type: "INTEGER", nullable: false),
                    url = table.Column<string>(type: "TEXT", nullable: false),
                    width = table.Column<int>(type: "INTEGER", nullable: true),
                    height = table.Column<int>(type: "INTEGER", nullable: true),
                    is_cached = table.Column<bool>(type: "INTEGER", nullable: true),
                    title = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_article_provider_logos", x => new { x.article_id, x.position });
                    table.ForeignKey(
                        name: "fk_article_provider_logos_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "related_item_provider_logos",
                columns: table => new
                {
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    article_id = table.Column<long>(type: "INTEGER", nullable: false),
                    related_position = table.Column<int>(type: "INTEGER", nullable: false),
                    url = table.Column<string>(type: "TEXT", nullable: false),
                    width = table.Column<int>(type: "INTEGER", nullable: true),
                    height = table.Column<int>(type: "INTEGER", nullable: true),
                    is_cached = table.Column<bool>(type: "INTEGER", nullable: true),
                    title = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_related_item_provider_logos", x => new { x.article_id, x.related_position, x.position });
                    table.ForeignKey(
                        name: "fk_related_item_provider_logos_related_items_article_id_related_position",
                        columns: x => new { x.article_id, x.related_position },
                        principalTable: "related_items",
                        principalColumns: new[] { "article_id", "position" },
                        onDelete: ReferentialAction.Cascade);
                });

            // Articles stored before this migration get what the shared provider holds now: the best left of what their
            // files said. Re-importing the files gives each its own.
            migrationBuilder.Sql("UPDATE articles SET provider_name = (SELECT p.name FROM providers p WHERE p.id = articles.provider_id)");
            migrationBuilder.Sql("UPDATE related_items SET provider_name = (SELECT p.name FROM providers p WHERE p.id = related_items.provider_id)");
            migrationBuilder.Sql("INSERT INTO article_provider_logos (article_id, position, url, width, height, is_cached, title) " +
                "SELECT a.id, l.position, l.url, l.width, l.height, l.is_cached, l.title FROM articles a JOIN provider_logos l ON l.provider_id = a.provider_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "article_provider_logos");

            migrationBuilder.DropTable(
                name: "related_item_provider_logos");

            migrationBuilder.DropColumn(
                name: "provider_name",
                table: "related_items");

            migrationBuilder.DropColumn(
                name: "document_hash",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "provider_name",
                table: "articles");
        }
    }
}
