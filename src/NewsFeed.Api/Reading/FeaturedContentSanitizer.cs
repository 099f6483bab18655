using AngleSharp.Html.Dom;
using Ganss.Xss;

namespace NewsFeed.Api.Reading;

/// <summary>
/// Makes an article's <c>featuredContent</c> HTML safe to display: HtmlSanitizer's allow-list removes scripts, event
/// handlers and <c>javascript:</c> URLs; iframes are allowed only when they embed a video from a known host over
/// HTTPS, and are removed whole otherwise.
/// </summary>
public sealed class FeaturedContentSanitizer
{
    private static readonly string[] VideoHosts =
    [
        "www.youtube.com", "youtube.com", "www.youtube-nocookie.com", "youtube-nocookie.com", "player.vimeo.com",
        "www.dailymotion.com", "geo.dailymotion.com", "player.twitch.tv", "www.loom.com", "fast.wistia.net", "web.microsoftstream.com",
    ];

    private readonly HtmlSanitizer _sanitizer;

    public FeaturedContentSanitizer()
    {
        _sanitizer = new HtmlSanitizer();
        _sanitizer.AllowedTags.Add("iframe");
        foreach (var attribute in new[] { "allow", "allowfullscreen", "frameborder", "referrerpolicy", "loading" })
            _sanitizer.AllowedAttributes.Add(attribute);
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IHtmlInlineFrameElement frame && !IsAllowedVideo(frame.GetAttribute("src"))) frame.Remove();
        };
    }

    public string? Sanitize(string? html) => html is null ? null : _sanitizer.Sanitize(html);

    private static bool IsAllowedVideo(string? src) =>
        Uri.TryCreate(src, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
        && VideoHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase);
}
