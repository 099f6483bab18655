using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsFeed.Data.Postgres.Migrations
{
    /// <summary>
    /// The walk of a search's rank window (<c>RankWindow</c>): newest first along (published_at, id), each row tested
    /// against the search until the window is full. Two common words match about one row in sixteen, so the walk
    /// passes thousands of rows; with <c>removed</c> and <c>search_vector</c> in the index it reads the index alone
    /// (an index-only scan) instead of fetching each of them from the table: for <c>q=cloud data</c> on 101,000
    /// articles, 3,236 buffers instead of 9,209 and a quarter of the time. Not in the EF model: only the search SQL
    /// reads <c>search_vector</c>, and SQLite searches through its FTS5 table.
    /// </summary>
    [DbContext(typeof(NewsFeedDbContext))]
    [Migration("20261130034500_SearchWalkIndex")]
    public partial class SearchWalkIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("CREATE INDEX ix_articles_search_walk ON articles (published_at, id) INCLUDE (removed, search_vector);");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("DROP INDEX ix_articles_search_walk;");
    }
}
