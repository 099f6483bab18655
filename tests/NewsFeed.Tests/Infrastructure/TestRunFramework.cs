using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("NewsFeed.Tests.Infrastructure.TestRunFramework", "NewsFeed.Tests")]

namespace NewsFeed.Tests.Infrastructure;

/// <summary>
/// xunit's own framework, plus <see cref="TestRun.CleanUpAsync"/> once every test has run (xunit 2 has no fixture for
/// the whole assembly, and a process-exit handler may be cut short by the test host), and the heaviest collections
/// started first (<see cref="SlowestCollectionsFirst"/>).
/// </summary>
public sealed class TestRunFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        // async void as in the method it overrides: xunit waits for the assembly's "finished" message, not for this.
        protected override async void RunTestCases(
            IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new Runner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class Runner(
        ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task AfterTestAssemblyStartingAsync()
        {
            await base.AfterTestAssemblyStartingAsync();
            TestCollectionOrderer = new SlowestCollectionsFirst(TestCases);
        }

        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            // A failure here is reported as the assembly's cleanup failure: a run that leaves databases behind is not green.
            await Aggregator.RunAsync(TestRun.CleanUpAsync);
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }
}
