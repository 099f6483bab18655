using System.Linq.Expressions;
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

    /// <summary>The names of <typeparamref name="T"/>'s JSON properties, in declaration order.</summary>
    public static IReadOnlyList<string> JsonNames { get; } =
        [.. Constructor.GetParameters().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!))];

    // Compiled once from the field list: every list page builds one record per row, and reflection's Invoke boxed
    // each field and allocated an argument array per record (a tenth of the API's CPU on a list request).
    private static readonly Func<TDocument, T> Build = Compile();

    public static T From(TDocument document) => Build(document);

    private static Func<TDocument, T> Compile()
    {
        var document = Expression.Parameter(typeof(TDocument), "document");
        var arguments = Constructor.GetParameters().Select(p =>
        {
            var field = ArticleFields.Of<TDocument>().SingleOrDefault(f => f.Key == JsonNamingPolicy.CamelCase.ConvertName(p.Name!));
            if (field is null) return (Expression)Expression.Default(p.ParameterType);
            if ((Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) != field.ValueType)
                throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} is a {p.ParameterType.Name}, but the field '{field.Key}' is a {field.ValueType.Name}.");
            Expression value = Expression.Property(document, field.Property);
            if (value.Type == p.ParameterType) return value;
            // A flag the contract always states (removed) is false when the file did not say.
            return Nullable.GetUnderlyingType(value.Type) is not null
                ? Expression.Call(value, value.Type.GetMethod(nameof(Nullable<int>.GetValueOrDefault), Type.EmptyTypes)!)
                : Expression.Convert(value, p.ParameterType);
        });
        return Expression.Lambda<Func<TDocument, T>>(Expression.New(Constructor, arguments), document).Compile();
    }
}
