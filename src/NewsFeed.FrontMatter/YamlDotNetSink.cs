using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NewsFeed.FrontMatter;

/// <summary>The YAML of a document as YamlDotNet's emitter writes it: any key, any scalar, any collection.</summary>
internal sealed class YamlDotNetSink : IYamlSink
{
    private readonly Emitter _emitter;

    public YamlDotNetSink(TextWriter text)
    {
        // No line folding: one long excerpt stays one line, as in the real files.
        _emitter = new Emitter(text, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false,
            maxSimpleKeyLength: 1024, indentSequences: true, newLine: "\n"));
        _emitter.Emit(new StreamStart());
        _emitter.Emit(new DocumentStart(null, null, true));
    }

    public void MappingStart() => _emitter.Emit(new MappingStart());

    public void MappingEnd() => _emitter.Emit(new MappingEnd());

    public void SequenceStart() => _emitter.Emit(new SequenceStart(null, null, false, SequenceStyle.Block));

    public void SequenceEnd() => _emitter.Emit(new SequenceEnd());

    // Quoting allowed: an unknown key's name may be no plain scalar (a colon and space in it, say); the emitter quotes it then.
    public void Key(string name) => _emitter.Emit(new Scalar(null, null, name, ScalarStyle.Plain, true, true));

    public void Plain(string value) => _emitter.Emit(new Scalar(null, null, value, ScalarStyle.Plain, true, false));

    public void Quoted(string value) => _emitter.Emit(new Scalar(null, null, value, ScalarStyle.DoubleQuoted, false, true));

    public void Finish()
    {
        _emitter.Emit(new DocumentEnd(true));
        _emitter.Emit(new StreamEnd());
    }
}
