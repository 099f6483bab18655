using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsFeed.Data.Sqlite.Migrations
{
    /// <summary>
    /// Full-text search: an FTS5 index over title, excerpt and body, external-content so the text is stored once.
    /// The bulk writer inserts and updates articles with raw SQL, so triggers (not the app) keep the index in step.
    /// </summary>
    public partial class FullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE articles_fts USING fts5(
                    title, excerpt, body,
                    content='articles', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
                    INSERT INTO articles_fts (rowid, title, excerpt, body) VALUES (new.id, new.title, new.excerpt, new.body);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
                    INSERT INTO articles_fts (articles_fts, rowid, title, excerpt, body) VALUES ('delete', old.id, old.title, old.excerpt, old.body);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, excerpt, body ON articles BEGIN
                    INSERT INTO articles_fts (articles_fts, rowid, title, excerpt, body) VALUES ('delete', old.id, old.title, old.excerpt, old.body);
                    INSERT INTO articles_fts (rowid, title, excerpt, body) VALUES (new.id, new.title, new.excerpt, new.body);
                END;
                """);
            // Articles imported before this migration.
            migrationBuilder.Sql("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER articles_fts_update;");
            migrationBuilder.Sql("DROP TRIGGER articles_fts_delete;");
            migrationBuilder.Sql("DROP TRIGGER articles_fts_insert;");
            migrationBuilder.Sql("DROP TABLE articles_fts;");
        }
    }
}
