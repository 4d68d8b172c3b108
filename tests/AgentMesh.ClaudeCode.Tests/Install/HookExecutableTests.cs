using AgentMesh.ClaudeCode.Install;
using AgentMesh.Testing;

namespace AgentMesh.ClaudeCode.Tests.Install;

/// <summary>Finding <c>mesh-hook</c> next to mesh: only an executable file of that name counts.</summary>
public sealed class HookExecutableTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private string Candidate => Path.Combine(_folder.Path, HookExecutable.FileName);

    [Fact]
    public void In_ExecutableMeshHook_ItsFullPath()
    {
        File.WriteAllText(Candidate, "#!/bin/sh\n");
        File.SetUnixFileMode(Candidate, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        Assert.Equal(Candidate, HookExecutable.In(_folder.Path + "/."));
    }

    [Fact]
    public void In_NotExecutable_Null()
    {
        File.WriteAllText(Candidate, "#!/bin/sh\n");
        File.SetUnixFileMode(Candidate, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Null(HookExecutable.In(_folder.Path));
    }

    [Fact]
    public void In_NoneThere_Null()
    {
        Assert.Null(HookExecutable.In(_folder.Path));
        Assert.Null(HookExecutable.In(null));
    }

    public void Dispose() => _folder.Dispose();
}
