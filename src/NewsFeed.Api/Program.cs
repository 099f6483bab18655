using NewsFeed.Api.Cli;
using NewsFeed.Api.Extensions;

// 1. The command line (import, migrate) runs and exits; anything else starts the web API.
if (CommandLine.IsCommand(args)) return await CommandLine.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);

// 2. Logging, the database, the importer, controllers, problem details, Swagger.
builder.AddNewsFeedLogging();
builder.Services.AddNewsFeedCore(builder.Configuration, builder.Environment);
builder.Services.AddNewsFeedApi();

var app = builder.Build();

// 3. The HTTP pipeline and the routes.
app.UseNewsFeedApi();

// 4. Migrate, and serve the sample article on a new, empty database.
await app.Services.GetRequiredService<SampleData>().PrepareAsync(app.Lifetime.ApplicationStopping);

await app.RunAsync();
return 0;

/// <summary>The entry point; public so integration tests can start the real app.</summary>
public partial class Program;
