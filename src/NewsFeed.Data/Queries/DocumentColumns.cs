using System.Data.Common;
using System.Linq.Expressions;
using NewsFeed.FrontMatter;

namespace NewsFeed.Data.Queries;

/// <summary>
/// Reads scalar fields (<see cref="ArticleFields"/>) from the columns named after them (<see cref="SnakeCaseNames"/>) into
/// a <typeparamref name="T"/> (an <see cref="ArticleDocument"/> or a <see cref="RelatedRef"/>), by name: the code that fills
/// the record is compiled once from the field list, so a new field is read without another line here.
/// </summary>
internal sealed class DocumentColumns<T> where T : class
{
    private readonly IReadOnlyList<ArticleField> _fields;
    private readonly Func<DbDataReader, int[], T> _read;

    public DocumentColumns(IReadOnlyList<ArticleField> fields)
    {
        _fields = fields;
        var reader = Expression.Parameter(typeof(DbDataReader), "reader");
        var ordinals = Expression.Parameter(typeof(int[]), "ordinals");
        var bindings = fields.Select((f, i) => Expression.Bind(f.Property, Value(f, reader, Expression.ArrayIndex(ordinals, Expression.Constant(i)))));
        _read = Expression.Lambda<Func<DbDataReader, int[], T>>(
            Expression.MemberInit(Expression.New(typeof(T)), bindings), reader, ordinals).Compile();
    }

    /// <summary>The columns, comma-separated, each prefixed with the table's alias and named as the field's column.</summary>
    public string Select(string alias) => string.Join(", ", _fields.Select(f => $"{alias}.{Column(f)}"));

    /// <summary>Reads the current row of <paramref name="reader"/>'s result set into a record of these fields alone.</summary>
    public Func<T> Reader(DbDataReader reader)
    {
        var ordinals = _fields.Select(f => reader.GetOrdinal(Column(f))).ToArray();
        return () => _read(reader, ordinals);
    }

    private static string Column(ArticleField field) => SnakeCaseNames.ToSnakeCase(field.Name);

    /// <summary>
    /// <c>reader.IsDBNull(ordinal) ? default : reader.GetX(ordinal)</c>, with the typed getter of the field's type: a
    /// list page reads a dozen fields per row, and a getter through object boxed every value.
    /// </summary>
    private static ConditionalExpression Value(ArticleField field, ParameterExpression reader, Expression ordinal)
    {
        var type = field.Property.PropertyType;
        Expression value = field.ValueType == typeof(DateTime)
            ? Expression.Call(typeof(DbValues).GetMethod(nameof(DbValues.Instant))!, reader, ordinal)
            : Expression.Call(reader, Getters[field.ValueType], ordinal);
        if (value.Type != type) value = Expression.Convert(value, type);
        return Expression.Condition(Expression.Call(reader, IsDBNull, ordinal), Expression.Default(type), value);
    }

    private static readonly System.Reflection.MethodInfo IsDBNull = typeof(DbDataReader).GetMethod(nameof(DbDataReader.IsDBNull))!;

    private static readonly Dictionary<Type, System.Reflection.MethodInfo> Getters = new()
    {
        [typeof(int)] = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetInt32))!,
        [typeof(bool)] = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetBoolean))!,
        [typeof(string)] = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetString))!,
    };
}
