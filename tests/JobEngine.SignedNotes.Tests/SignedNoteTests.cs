using JobEngine.Tests.Interop;

namespace JobEngine.SignedNotes.Tests;

/// <summary>
/// Signed notes against Go's own example (golang.org/x/mod/sumdb/note: its keys, text and
/// signature; Ed25519 is deterministic, so the signature must match to the byte) and against an
/// independent verifier in Python (the <c>cryptography</c> package).
/// </summary>
public sealed class SignedNoteTests
{
    private const string GoPrivateKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string GoVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string GoText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string GoSignature = "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=";

    [Fact]
    public void GosExampleKey_SignsGosExampleText_ToGosSignature()
    {
        Assert.True(NoteSigner.TryParse(GoPrivateKey, out var signer, out var error), error);
        using (signer)
        {
            Assert.Equal(GoVerifierKey, signer.VerifierKey);
            Assert.Equal($"{GoText}\n\u2014 PeterNeumann {GoSignature}\n", signer.Sign(GoText));
        }
    }

    [Fact]
    public void GosExampleNote_Opens_AndAChangedOneDoesNot()
    {
        Assert.True(NoteVerifier.TryParse(GoVerifierKey, out var verifier, out var error), error);
        var note = $"{GoText}\n\u2014 PeterNeumann {GoSignature}\n";

        Assert.True(verifier.TryOpen(note, out var text, out error), error);
        Assert.Equal(GoText, text);
        Assert.False(verifier.TryOpen(note.Replace("answer", "amswer"), out _, out error));
        Assert.Contains("does not verify", error);
        Assert.False(verifier.TryOpen(GoText, out _, out _));
    }

    [Fact]
    public void ANoteOfAnotherKey_DoesNotOpen_AndABadKeyIsRefused()
    {
        var (other, _) = NoteSigner.Generate("PeterNeumann");
        using (other)
        {
            Assert.True(NoteVerifier.TryParse(GoVerifierKey, out var verifier, out _));
            Assert.False(verifier.TryOpen(other.Sign(GoText), out _, out var error));
            Assert.Contains("no signature", error);
        }

        Assert.False(NoteVerifier.TryParse(GoVerifierKey.Replace("c74f20a3", "c74f20a4"), out _, out _));
        Assert.False(NoteSigner.TryParse(GoPrivateKey.Replace("c74f20a3", "00000000"), out _, out _));
        Assert.False(NoteVerifier.TryParse("no key", out _, out _));
    }

    [Fact]
    public async Task AGeneratedKey_SignsCheckpoints_ThatTheIndependentVerifierAccepts()
    {
        var (signer, privateKey) = NoteSigner.Generate("jobengine-test");
        using (signer)
        {
            Assert.True(NoteSigner.TryParse(privateKey, out var reloaded, out _));
            reloaded.Dispose();
            var checkpoint = new Checkpoint("jobengine/acme", 42, System.Security.Cryptography.SHA256.HashData("root"u8));
            var note = signer.Sign(checkpoint.ToText());
            using var files = new TemporaryFiles();
            var (exitCode, output) = await ExternalProcess.RunAsync("python3",
                [Path.Combine(AppContext.BaseDirectory, "independent", "verify_note.py"), signer.VerifierKey, await files.WriteAsync(note)]);

            Assert.True(exitCode == 0, output);
            Assert.True(Checkpoint.TryParse(output, out var parsed, out var error), error);
            Assert.Equal((checkpoint.Origin, checkpoint.TreeSize, Convert.ToBase64String(checkpoint.RootHash)),
                (parsed.Origin, parsed.TreeSize, Convert.ToBase64String(parsed.RootHash)));
        }
    }

    [Theory]
    [InlineData("jobengine/acme\n7\nAAAA\n", "32 bytes")]
    [InlineData("jobengine/acme\n07\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", "decimal")]
    [InlineData("\n7\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", "origin")]
    public void MalformedCheckpoints_AreRefused(string text, string reason)
    {
        Assert.False(Checkpoint.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }
}
