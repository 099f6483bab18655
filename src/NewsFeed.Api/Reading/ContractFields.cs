using System.Reflection;
using System.Text.Json;
using NewsFeed.FrontMatter;

namespace NewsFeed.Api.Reading;

/// <summary>
/// Makes a contract record of type <typeparamref name="T"/> whose every constructor parameter named as a field of
/// <typeparamref name="TDocument"/> (<see cref="ArticleFields.Of{T}"/>; <see cref="ArticleField.Key"/>: the JSON name is
/// the front-matter key) holds that field of a document; the caller sets the rest with <c>with { ... }</c>, by name. So
/// a new scalar field reaches the API by being declared on the contract.
/// </summary>
internal static class ContractFields<T, TDocument> where T : class where TDocument : class
{
    private static readonly ConstructorInfo Constructor = typeof(T).GetConstructors().Single();

    private static readonly (ArticleField? Field, object? Absent)[] Sources = [.. Constructor.GetParameters().Select(p =>
    {
        var field = ArticleFields.Of<TDocument>().SingleOrDefault(f => f.Key == JsonNamingPolicy.CamelCase.ConvertName(p.Name!));
        // A flag the contract always states (removed) is false when the file did not say.
        var absent = p.ParameterType.IsValueType && Nullable.GetUnderlyingType(p.ParameterType) is null ? Activator.CreateInstance(p.ParameterType) : null;
        if (field is not null && (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) != field.ValueType)
            throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} is a {p.ParameterType.Name}, but the field '{field.Key}' is a {field.ValueType.Name}.");
        return (field, absent);
    })];

    /// <summary>The names of <typeparamref name="T"/>'s JSON properties, in declaration order.</summary>
    public static IReadOnlyList<string> JsonNames { get; } =
        [.. Constructor.GetParameters().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!))];

    public static T From(TDocument document) =>
        (T)Constructor.Invoke([.. Sources.Select(s => s.Field?.Get(document) ?? s.Absent)]);
}
