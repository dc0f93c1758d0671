using System.Security.Cryptography;
using JobEngine.Tests.Interop;

namespace JobEngine.SignedNotes.Tests;

/// <summary>
/// Keys and notes across this library and Go's reference golang.org/x/mod/sumdb/note (through
/// tests/interop/go/tlogcheck): each opens what the other signs, each loads the other's private
/// keys, and both sign the same bytes alike (Ed25519 is deterministic).
/// </summary>
public sealed class GoNoteInteropTests
{
    private static readonly string CheckpointText = new Checkpoint("jobengine/acme", 42, SHA256.HashData("root"u8)).ToText();

    [Fact]
    public async Task ANoteSignedByGo_OpensWithNoteVerifier_AndGosKeyLoadsAsANoteSigner()
    {
        var (exitCode, keys) = await GoTlogCheck.RunAsync("keygen", "go-witness");
        Assert.True(exitCode == 0, keys);
        var (privateKey, verifierKey) = (keys.Split('\n')[0], keys.Split('\n')[1]);

        var goNote = await GoSignAsync(privateKey, CheckpointText);

        Assert.True(NoteVerifier.TryParse(verifierKey, out var verifier, out var error), error);
        Assert.True(verifier.TryOpen(goNote, out var text, out error), error);
        Assert.Equal(CheckpointText, text);
        Assert.False(verifier.TryOpen(goNote.Replace("\n42\n", "\n43\n"), out _, out _));
        Assert.True(NoteSigner.TryParse(privateKey, out var signer, out error), error);
        using (signer)
        {
            Assert.Equal(verifierKey, signer.VerifierKey);
            Assert.Equal(goNote, signer.Sign(CheckpointText));
        }
    }

    [Fact]
    public async Task TheProductsPrivateKeyFile_LoadsInGo_AndSignsTheSameBytes()
    {
        var (signer, privateKey) = NoteSigner.Generate("jobengine");
        using (signer)
        {
            Assert.Equal(signer.Sign(CheckpointText), await GoSignAsync(privateKey, CheckpointText));
        }
    }

    [Fact]
    public async Task CheckpointNote_OpensWithGoSumdbNote()
    {
        var (signer, _) = NoteSigner.Generate("jobengine");
        using (signer)
        {
            var (exitCode, output) = await GoVerifyAsync(signer.VerifierKey, signer.Sign(CheckpointText));

            Assert.True(exitCode == 0, output);
            Assert.Contains($"checkpoint: jobengine/acme, tree of 42, root {Convert.ToBase64String(SHA256.HashData("root"u8))}", output);
        }
    }

    [Fact]
    public async Task ACheckpointNoteWithOneByteOfItsRootChanged_IsRefusedByGo()
    {
        var (signer, _) = NoteSigner.Generate("jobengine");
        using (signer)
        {
            var root = SHA256.HashData("root"u8);
            var note = signer.Sign(CheckpointText);
            root[0] ^= 1;
            var tampered = note.Replace(CheckpointText, new Checkpoint("jobengine/acme", 42, root).ToText());
            Assert.NotEqual(note, tampered);

            var (exitCode, output) = await GoVerifyAsync(signer.VerifierKey, tampered);

            Assert.Equal(1, exitCode);
            Assert.Contains("note.Open refused the checkpoint note: invalid signature", output);
        }
    }

    [Fact]
    public async Task ACheckpointNoteSignedByAnotherKey_IsRefusedByGo()
    {
        var (signer, _) = NoteSigner.Generate("jobengine");
        var (other, _) = NoteSigner.Generate("jobengine");
        using (signer)
        using (other)
        {
            var (exitCode, output) = await GoVerifyAsync(signer.VerifierKey, other.Sign(CheckpointText));

            Assert.Equal(1, exitCode);
            Assert.Contains("note.Open refused the checkpoint note", output);
        }
    }

    private static async Task<string> GoSignAsync(string privateKey, string text)
    {
        using var files = new TemporaryFiles();
        var (exitCode, output) = await GoTlogCheck.RunAsync("sign", await files.WriteAsync(privateKey + "\n"), await files.WriteAsync(text));
        Assert.True(exitCode == 0, output);
        return output;
    }

    private static async Task<(int ExitCode, string Output)> GoVerifyAsync(string verifierKey, string note)
    {
        using var files = new TemporaryFiles();
        return await GoTlogCheck.RunAsync("verify", "-key", verifierKey, "-note", await files.WriteAsync(note));
    }
}
