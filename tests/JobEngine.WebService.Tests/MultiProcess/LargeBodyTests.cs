using System.Net;
using JobEngine.WebService.Tests.Infrastructure;

namespace JobEngine.WebService.Tests.MultiProcess;

/// <summary>
/// Anonymous callers cannot make the server hold their bodies: a burst of large token requests,
/// declared and chunked, 8 at a time, leaves the real server process's memory where it was.
/// </summary>
public sealed class LargeBodyTests : IDisposable
{
    private const int Requests = 24;
    private const int BodyBytes = 16 * 1024 * 1024;
    private const long AllowedGrowth = 64L * 1024 * 1024;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "jobengine-tests", Guid.NewGuid().ToString("N"));

    public LargeBodyTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task ABurstOfLargeTokenRequests_IsRefused_AndLeavesTheServersMemoryBounded()
    {
        var port = ServerProcess.FreePort();
        var settings = TestStore.SettingsFor(_directory);
        settings["JobEngine:Authority:Issuer"] = $"http://127.0.0.1:{port}/";
        await using var server = ServerProcess.Start(port, settings);
        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        using var http = server.Client();
        await http.PostAsync("/connect/token", new FormUrlEncodedContent([new("grant_type", "client_credentials")]));
        var before = server.ResidentBytes();

        using var gate = new SemaphoreSlim(8);
        var answers = await Task.WhenAll(Enumerable.Range(0, Requests).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                return await SendAsync(http, declared: i % 2 == 0);
            }
            finally
            {
                gate.Release();
            }
        }));
        var after = server.ResidentBytes();

        Assert.All(answers, answer => Assert.True(answer is null or HttpStatusCode.RequestEntityTooLarge, $"Answered {answer}."));
        Assert.True(after - before < AllowedGrowth,
            $"{Requests} bodies of {BodyBytes / (1024 * 1024)} MB grew the server from {before / (1024 * 1024)} MB to {after / (1024 * 1024)} MB.");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
    }

    public void Dispose() => TestStore.Delete(_directory);

    /// <summary>The status the server answered, or null when it closed the connection before the body was sent.</summary>
    private static async Task<HttpStatusCode?> SendAsync(HttpClient http, bool declared)
    {
        var content = new StreamContent(new FormPadding(BodyBytes));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        if (declared)
        {
            content.Headers.ContentLength = BodyBytes;
        }

        try
        {
            using var response = await http.PostAsync("/connect/token", content);
            return response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            return null;
        }
    }

    /// <summary>A form body of <c>padding=xxx…</c>, produced as it is read, so the test holds none of it.</summary>
    private sealed class FormPadding(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, read).Fill((byte)'x');
            if (_position == 0 && read >= 8)
            {
                "padding="u8.CopyTo(buffer.AsSpan(offset));
            }

            _position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
