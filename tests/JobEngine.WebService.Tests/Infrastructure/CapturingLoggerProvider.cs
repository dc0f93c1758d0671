using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>Keeps every log event a host writes, with its time and category, for a test to read or to save beside its results.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ConcurrentQueue<string> EventNames { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Writes what was captured to <c>artifacts/test-logs/<paramref name="name"/>.log</c>, where a failed run can be read afterwards.</summary>
    public void Save(string name)
    {
        var directory = Path.Combine(RepositoryRoot.Find(), "artifacts", "test-logs");
        Directory.CreateDirectory(directory);
        File.WriteAllLines(Path.Combine(directory, name + ".log"), Lines);
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner.Lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)} {state} {exception}");
            owner.EventNames.Enqueue(eventId.Name ?? "");
        }
    }
}
