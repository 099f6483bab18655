using System.Text;
using NewsFeed.FrontMatter;

namespace NewsFeed.Tests.FrontMatter;

/// <summary>A YAML tree as one line of text, positions included, so two trees compare (and differ) readably.</summary>
internal static class YamlDump
{
    public static string Of(YamlNode? node)
    {
        var sb = new StringBuilder();
        Write(node, sb);
        return sb.ToString();
    }

    private static void Write(YamlNode? node, StringBuilder sb)
    {
        switch (node)
        {
            case YamlScalar s: sb.Append($"S({s.Line}:{s.Column},{s.IsPlain},{s.Value})"); break;
            case YamlSequence q:
                sb.Append($"Q({q.Line}:{q.Column})[");
                foreach (var item in q.Items) Write(item, sb.Append(' '));
                sb.Append(']');
                break;
            case YamlMap m:
                sb.Append($"M({m.Line}:{m.Column}){{");
                foreach (var (key, value) in m.Entries) Write(value, sb.Append($" {key.Value}@{key.Line}:{key.Column}="));
                sb.Append('}');
                break;
            default: sb.Append("null"); break;
        }
    }
}
