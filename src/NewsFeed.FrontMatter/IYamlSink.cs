namespace NewsFeed.FrontMatter;

/// <summary>
/// What <see cref="ArticleFileWriter"/> says, in YAML's terms: block mappings and lists, keys, and scalars written
/// plain (numbers, flags, instants) or double-quoted (text). Two sinks hear it: <see cref="DirectYamlWriter"/>, fast,
/// and YamlDotNet's emitter (<see cref="YamlDotNetSink"/>) for what the first does not write itself.
/// </summary>
internal interface IYamlSink
{
    void MappingStart();

    void MappingEnd();

    void SequenceStart();

    void SequenceEnd();

    void Key(string name);

    void Plain(string value);

    void Quoted(string value);
}
