using System.Reflection;

namespace NewsFeed.FrontMatter;

/// <summary>One scalar front-matter key of an article or a related item, as <see cref="ArticleFields"/> finds it on its record.</summary>
/// <param name="Property">The record's property: its name is also the stored entity's property (and so the column).</param>
/// <param name="Key">The key in the file, which is also the field's name in the API's JSON.</param>
public sealed record ArticleField(PropertyInfo Property, string Key)
{
    public string Name => Property.Name;

    /// <summary>The value's type without <see cref="Nullable{T}"/>: string, int, bool or DateTime.</summary>
    public Type ValueType { get; } = Nullable.GetUnderlyingType(Property.PropertyType) ?? Property.PropertyType;

    /// <summary>The field's value on <paramref name="record"/>, a record of the type the field was found on.</summary>
    public object? Get(object record) => Property.GetValue(record);
}

/// <summary>
/// The one list of an article's scalar front-matter fields, read once from <see cref="ArticleDocument"/>'s properties in
/// declaration order (the order real files write them): the writer of files, the database writer's columns, the
/// exporter and the API's field lists follow it, so a new optional scalar key is declared once on the document. A
/// related item's scalar fields are listed the same way from <see cref="RelatedRef"/> (<see cref="Related"/>).
/// </summary>
public static class ArticleFields
{
    private static readonly HashSet<Type> ScalarTypes = [typeof(string), typeof(int), typeof(bool), typeof(DateTime)];

    /// <summary>The article's fields in file order.</summary>
    public static IReadOnlyList<ArticleField> All => Of<ArticleDocument>();

    /// <summary>A related item's fields, in declaration order.</summary>
    public static IReadOnlyList<ArticleField> Related => Of<RelatedRef>();

    /// <summary>The scalar fields of <typeparamref name="T"/> (<see cref="ArticleDocument"/> or <see cref="RelatedRef"/>), found once.</summary>
    public static IReadOnlyList<ArticleField> Of<T>() where T : class => FieldsOf<T>.Fields;

    /// <summary>The fields a file writes before the provider and lists, and those it writes after them (<c>secured</c>).</summary>
    public static (IReadOnlyList<ArticleField> Before, IReadOnlyList<ArticleField> After) AroundLists => Around.Lists;

    // Nested, so each list is built on first use and none waits for another one's initialiser.
    private static class Around
    {
        public static readonly (IReadOnlyList<ArticleField> Before, IReadOnlyList<ArticleField> After) Lists = Split();
    }

    private static class FieldsOf<T>
    {
        public static readonly IReadOnlyList<ArticleField> Fields = [.. Properties(typeof(T))
            .Where(p => ScalarTypes.Contains(Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType))
            .Select(p => new ArticleField(p, p.GetCustomAttribute<FrontMatterKeyAttribute>()?.Key ?? JsonName(p.Name)))];
    }

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            // Not front-matter keys: the body follows the block, unknown keys are written where they were found, and
            // the canonical URL is computed.
            .Where(p => p.CanWrite && p.Name is not (nameof(ArticleDocument.Body) or nameof(ArticleDocument.Extra)))
            .OrderBy(p => p.MetadataToken);

    private static (IReadOnlyList<ArticleField>, IReadOnlyList<ArticleField>) Split()
    {
        var lists = typeof(ArticleDocument).GetProperty(nameof(ArticleDocument.Provider))!.MetadataToken;
        return ([.. All.Where(f => f.Property.MetadataToken < lists)], [.. All.Where(f => f.Property.MetadataToken > lists)]);
    }

    private static string JsonName(string name) => string.Concat(name[..1].ToLowerInvariant(), name.AsSpan(1));
}

/// <summary>The key a file writes for a property whose name says something else (<c>PublishedAt</c> is <c>publishedDateTime</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FrontMatterKeyAttribute(string key) : Attribute
{
    public string Key => key;
}
