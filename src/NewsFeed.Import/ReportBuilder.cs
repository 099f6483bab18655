using System.Diagnostics;
using NewsFeed.Data.Jobs;
using NewsFeed.Data.Writing;

namespace NewsFeed.Import;

/// <summary>
/// Adds up an import's outcomes into an <see cref="ImportReport"/>; used by the single writer thread only. It lists at
/// most <paramref name="maxListed"/> warnings and as many errors (the first ones met) and only counts the rest, so a
/// small archive of countless junk entries cannot make a report (or a job row) of many megabytes.
/// </summary>
internal sealed class ReportBuilder(string importId, bool dryRun, int maxListed)
{
    /// <summary>Outcomes a parser settled without the database: skipped, failed, or unchanged by hash.</summary>
    public sealed class Tally
    {
        public int Unchanged { get; set; }
        public int Failed { get; private set; }
        public List<ImportMessage> Skipped { get; } = [];
        public List<ImportMessage> Errors { get; } = [];

        public void Skip(ImportMessage message) => Skipped.Add(message);

        public void Fail(ImportMessage message, bool countFile = true)
        {
            Errors.Add(message);
            if (countFile) Failed++;
        }
    }

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly BoundedList _warnings = new(maxListed);
    private readonly BoundedList _errors = new(maxListed);
    private int _created, _updated, _unchanged, _superseded, _failed, _skipped;
    private bool _cancelled;

    public string ImportId => importId;

    public void Add(Tally tally, IEnumerable<ImportMessage> warnings)
    {
        _unchanged += tally.Unchanged;
        _failed += tally.Failed;
        _skipped += tally.Skipped.Count;
        _warnings.AddRange(tally.Skipped);
        _warnings.AddRange(warnings);
        _errors.AddRange(tally.Errors);
    }

    public void Add(IEnumerable<WriteResult> results)
    {
        foreach (var result in results)
        {
            switch (result.Outcome)
            {
                case WriteOutcome.Created: _created++; break;
                case WriteOutcome.Updated: _updated++; break;
                case WriteOutcome.Unchanged: _unchanged++; break;
                case WriteOutcome.Superseded:
                    _superseded++;
                    _warnings.Add(new ImportMessage(result.Article.SourcePath, null, null, null,
                        $"Not stored: '{result.WinnerPath}' holds a newer version of the same article ({result.Article.Document.CanonicalUrl})."));
                    break;
            }
        }
    }

    public void Cancel() => _cancelled = true;

    private int Files => _created + _updated + _unchanged + _superseded + _failed + _skipped;

    /// <summary>Files read and settled against the database, whatever the outcome but a failure.</summary>
    private int Imported => _created + _updated + _unchanged + _superseded;

    public ImportProgress Progress(int? filesTotal, TimeSpan elapsed) =>
        new(Files, filesTotal, Imported, _failed, elapsed.TotalSeconds > 0 ? Imported / elapsed.TotalSeconds : 0);

    public ImportReport Build()
    {
        var imported = Imported;
        return new ImportReport
        {
            ImportId = importId,
            Status = _cancelled ? ImportStatus.Cancelled : _failed == 0 ? ImportStatus.Succeeded : imported > 0 ? ImportStatus.CompletedWithErrors : ImportStatus.Failed,
            DryRun = dryRun,
            Files = Files,
            Created = _created,
            Updated = _updated,
            Unchanged = _unchanged,
            Superseded = _superseded,
            Failed = _failed,
            Skipped = _skipped,
            Warnings = [.. _warnings.Listed.OrderBy(w => w.File, StringComparer.Ordinal).ThenBy(w => w.Line)],
            WarningsNotListed = _warnings.NotListed,
            Errors = [.. _errors.Listed.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line)],
            ErrorsNotListed = _errors.NotListed,
            DurationMs = _clock.ElapsedMilliseconds,
        };
    }

    /// <summary>The first messages up to a limit, and how many more there were.</summary>
    private sealed class BoundedList(int limit)
    {
        public List<ImportMessage> Listed { get; } = [];
        public int NotListed { get; private set; }

        public void Add(ImportMessage message)
        {
            if (Listed.Count < limit) Listed.Add(message);
            else NotListed++;
        }

        public void AddRange(IEnumerable<ImportMessage> messages)
        {
            foreach (var message in messages) Add(message);
        }
    }
}
