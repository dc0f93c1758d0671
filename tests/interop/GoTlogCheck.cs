using System.ComponentModel;

namespace JobEngine.Tests.Interop;

/// <summary>
/// tests/interop/go/tlogcheck, the Go program that checks and signs notes, exports and proofs with
/// Go's reference golang.org/x/mod/sumdb/note and tlog. Built once per test process, offline, from
/// Debian's packages (golang-go, golang-golang-x-mod-dev, which ./test.sh installs).
/// </summary>
internal static class GoTlogCheck
{
    private const string GoPath = "/usr/share/gocode";
    private const string Install = "./test.sh installs it (apt-get install -y golang-go golang-golang-x-mod-dev)";

    private static readonly Lazy<Task<string>> Binary = new(BuildAsync);

    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) =>
        await ExternalProcess.RunAsync(await Binary.Value, arguments);

    private static async Task<string> BuildAsync()
    {
        var directory = Directory.CreateTempSubdirectory("jobengine-tlogcheck-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(directory);
        var binary = Path.Combine(directory, "tlogcheck");
        var environment = new Dictionary<string, string>
        {
            ["GO111MODULE"] = "off",
            ["GOPATH"] = GoPath,
            ["GOCACHE"] = Path.Combine(directory, "cache"),
            ["GOFLAGS"] = "",
            ["GOENV"] = "off",
        };

        (int ExitCode, string Output) build;
        try
        {
            // GOPATH mode builds a directory outside GOPATH only by a relative path, hence ".".
            build = await ExternalProcess.RunAsync("go", ["build", "-o", binary, "."],
                Path.Combine(AppContext.BaseDirectory, "interop", "go", "tlogcheck"), environment);
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"The Go toolchain is missing ({exception.Message}): {Install}.", exception);
        }

        Delete(environment["GOCACHE"]);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"go build of tlogcheck failed (is {GoPath}/src/golang.org/x/mod/sumdb present? {Install}):\n{build.Output}");
        }

        return binary;
    }

    private static void Delete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A build left in the temporary folder harms nothing; failing the test run over it would.
        }
    }
}
