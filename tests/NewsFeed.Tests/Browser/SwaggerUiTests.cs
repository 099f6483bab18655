using Microsoft.Playwright;
using NewsFeed.Tests.Infrastructure;

namespace NewsFeed.Tests.Browser;

/// <summary>
/// Swagger UI as a developer uses it, in headless Chromium (Debian's, at /usr/bin/chromium or CHROMIUM_PATH): list the
/// AI articles, then enter the API key and run a dry-run import. Screenshots go to the test output's artifacts folder.
/// </summary>
public sealed class SwaggerUiTests
{
    private const string ApiKey = "browser-test-key-7c2e91d04b5a3f68";
    private const string SeedTitle = "Chinese AI Giant SenseTime Delays IPO as U.S. Prepares Investment Ban";

    [Fact]
    public async Task A_developer_lists_AI_articles_and_runs_a_dry_run_import_from_Swagger_UI()
    {
        var importRoot = Corpus.NewScratchFolder();
        Directory.CreateDirectory(Path.Combine(importRoot, "seed"));
        File.Copy(RepoPaths.SeedFile, Path.Combine(importRoot, "seed", "000_87784aaa7c47e396.txt"));
        await using var app = await RunningApp.StartAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__NewsFeed"] = $"Data Source={Path.Combine(Corpus.NewScratchFolder(), "newsfeed.db")}",
            ["Database__SeedSampleData"] = "true",
            ["Import__ApiKeys__0"] = ApiKey,
            ["Import__Root"] = importRoot,
        });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        await page.GotoAsync(new Uri(app.BaseAddress, "/swagger/index.html").ToString());

        var list = Operation(page, "get", "/articles");
        await list.Locator(".opblock-summary").First.ClickAsync();
        await list.Locator("button.try-out__btn").ClickAsync();
        var topic = list.Locator("tr[data-param-name='topic']");
        await topic.Locator("button.json-schema-form-item-add").ClickAsync();
        await topic.Locator("input").First.FillAsync("AI");
        await list.Locator("button.execute").ClickAsync();
        await Assertions.Expect(list.Locator(".live-responses-table")).ToContainTextAsync(SeedTitle, new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Artifact("swagger-ui-articles.png"), FullPage = true });

        await page.Locator("button.authorize").First.ClickAsync();
        var dialog = page.Locator(".modal-ux");
        await dialog.Locator("input").First.FillAsync(ApiKey);
        await dialog.Locator("button.authorize").ClickAsync();
        await dialog.Locator("button.btn-done").ClickAsync();

        var import = Operation(page, "post", "/import");
        await import.Locator(".opblock-summary").First.ClickAsync();
        await import.Locator("button.try-out__btn").ClickAsync();
        await import.Locator("tr[data-param-name='dryRun'] select").SelectOptionAsync("true");
        await import.Locator(".opblock-section-request-body select").SelectOptionAsync("application/json");
        await import.Locator("textarea.body-param__text").FillAsync("{\"path\": \"seed\"}");
        await import.Locator("button.execute").ClickAsync();
        var response = import.Locator(".live-responses-table");
        await Assertions.Expect(response).ToContainTextAsync("\"dryRun\": true", new() { Timeout = 30_000 });
        await Assertions.Expect(response).ToContainTextAsync("\"unchanged\": 1");
        await page.ScreenshotAsync(new() { Path = Artifact("swagger-ui-import.png"), FullPage = true });
    }

    private static ILocator Operation(IPage page, string method, string path) =>
        page.Locator($".opblock.opblock-{method}").Filter(new() { Has = page.Locator($".opblock-summary-path[data-path='{path}']") });

    /// <summary>Screenshots land in TestResults/artifacts beside the test binaries, kept after the run.</summary>
    private static string Artifact(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "artifacts");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
