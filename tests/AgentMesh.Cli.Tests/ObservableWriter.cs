using System.Text;

namespace AgentMesh.Cli.Tests;

/// <summary>A string writer a test can await: <see cref="WaitForAsync"/> completes when the text written so far satisfies a condition.</summary>
internal sealed class ObservableWriter : StringWriter
{
    private readonly Lock _gate = new();
    private readonly List<(Func<string, bool> Condition, TaskCompletionSource<string> Done)> _waiters = [];

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
        {
            base.Write(value);
        }
        Check();
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            base.Write(value);
        }
        Check();
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_gate)
        {
            base.Write(buffer, index, count);
        }
        Check();
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return base.ToString();
        }
    }

    public Task<string> WaitForAsync(Func<string, bool> condition)
    {
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((condition, done));
        }
        Check();
        return done.Task;
    }

    private void Check()
    {
        var text = ToString();
        lock (_gate)
        {
            foreach (var waiter in _waiters.Where(w => w.Condition(text)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult(text);
            }
        }
    }
}
