using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsFeed.Data.Postgres.Migrations
{
    /// <summary>
    /// Full-text search: a stored generated tsvector (title weighted A, excerpt B, body C) with a GIN index. Generated,
    /// so the bulk writer's COPY and UPDATE keep it right without knowing it exists. Not in the EF model: only the
    /// search SQL reads it.
    /// </summary>
    public partial class FullTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
                    setweight(to_tsvector('english'::regconfig, coalesce(excerpt, '')), 'B') ||
                    setweight(to_tsvector('english'::regconfig, coalesce(body, '')), 'C')) STORED;
                """);
            migrationBuilder.Sql("CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_articles_search_vector;");
            migrationBuilder.Sql("ALTER TABLE articles DROP COLUMN search_vector;");
        }
    }
}
