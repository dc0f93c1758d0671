using System.CommandLine;
using JobEngine.Cli.Ledger;
using JobEngine.Client;
using JobEngine.SignedNotes;
using Spectre.Console;

namespace JobEngine.Cli.Commands;

/// <summary>
/// <c>jobctl audit verify|proof|verify-file</c>: the commands that check the ledger themselves,
/// against checkpoints signed by a pinned or given key, and exit 4 naming what does not hold.
/// </summary>
internal static class AuditLedgerCommands
{
    private const string KeyOption = "--checkpoint-key";

    public static Command Verify(CliEnvironment environment, GlobalOptions global)
    {
        var key = new Option<string?>(KeyOption) { Description = "The server's checkpoint verifier key, or a file holding it (default: the key pinned on first use)" };
        var command = new Command("verify",
            "Verify the tenant's ledger: the server recomputes its chain, and jobctl checks the newest signed checkpoint against the one it pinned") { key };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, async () =>
        {
            var givenKey = parse.GetValue(key) is { } text ? VerifierKeys.FromOption(text, KeyOption) : null;
            var json = parse.GetValue(global.Json);
            using var session = Session.Open(environment, parse.GetValue(global.Server));
            var verifier = new PinnedCheckpointVerifier(new CheckpointPins(environment.ConfigDirectory), session, environment.Time);
            var chain = await session.Api.VerifyAuditAsync(ct);
            try
            {
                var trusted = await verifier.VerifyAsync(givenKey, ct);
                if (!chain.Valid)
                {
                    throw LedgerIntegrityException.ChainBroken(BrokenChain(chain));
                }

                verifier.Pin(trusted);
                if (json)
                {
                    Output.Json(environment.Out, new LedgerVerifyReport(true, chain, Report(trusted.Checkpoint),
                        trusted.PinnedBefore is { } before ? new CheckpointReport(before.TreeSize, before.RootHash) : null,
                        trusted.Key.VerifierKey, verifier.PinFile, null));
                }
                else
                {
                    environment.Out.MarkupLineInterpolated(
                        $"[green]valid[/]: {chain.EntriesChecked} entries, head sequence {chain.HeadSequence}, head hash {chain.HeadHash} (chain recomputed by the server)");
                    foreach (var line in TrustedCheckpointText.Describe(trusted, verifier.PinFile))
                    {
                        environment.Out.WriteLine(line);
                    }
                }

                return ExitCodes.Ok;
            }
            catch (LedgerIntegrityException broken)
            {
                return Invalid(environment, broken, json ? new LedgerVerifyReport(false, chain, null, null, null, verifier.PinFile, FailureReport.From(broken)) : null);
            }
        }));
        return command;
    }

    public static Command Proof(CliEnvironment environment, GlobalOptions global)
    {
        var id = JobCommands.IdArgument("entry-id", "The audit entry");
        var key = new Option<string?>(KeyOption) { Description = "The server's checkpoint verifier key, or a file holding it (default: the key pinned on first use)" };
        var command = new Command("proof",
            "Print an entry's inclusion proof and check it against the newest signed checkpoint (verified as by audit verify)") { id, key };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, async () =>
        {
            var entryId = JobCommands.ParseId(parse.GetValue(id)!, "entry-id");
            var givenKey = parse.GetValue(key) is { } text ? VerifierKeys.FromOption(text, KeyOption) : null;
            using var session = Session.Open(environment, parse.GetValue(global.Server));
            var verifier = new PinnedCheckpointVerifier(new CheckpointPins(environment.ConfigDirectory), session, environment.Time);
            var trusted = await verifier.VerifyAsync(givenKey, ct);
            if (trusted.Checkpoint is not { } checkpoint)
            {
                throw new CliException(ExitCodes.Failed,
                    $"No checkpoint has been signed for tenant '{trusted.TenantId}' yet. The server signs one within its checkpoint interval: try again shortly.");
            }

            var entry = await session.Api.GetAuditEntryAsync(entryId, ct);
            var inclusion = await EntryInclusion.VerifyAsync(session.Api, entryId, entry, checkpoint, ct);
            verifier.Pin(trusted);
            if (parse.GetValue(global.Json))
            {
                Output.Json(environment.Out, new ProofReport(inclusion, trusted.Note!));
                return ExitCodes.Ok;
            }

            Output.Properties(environment.Out,
            [
                ("entry", inclusion.EntryId.ToString()), ("sequence", $"{inclusion.Sequence}"), ("leaf index", $"{inclusion.LeafIndex}"),
                ("tree size", $"{inclusion.TreeSize}"), ("root hash", inclusion.RootHash), ("leaf hash", inclusion.LeafHash),
                ("audit path", string.Join('\n', inclusion.AuditPath)),
            ]);
            environment.Out.MarkupLineInterpolated(
                $"[green]verified[/]: entry {inclusion.EntryId} is leaf {inclusion.LeafIndex} of the tree of size {inclusion.TreeSize} whose root {trusted.Key.Name}+{trusted.Key.KeyHash:x8} signed");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command VerifyFile(CliEnvironment environment, GlobalOptions global)
    {
        var path = new Argument<FileInfo>("file") { Description = "An export written by jobctl audit export" };
        var noteFile = new Option<FileInfo?>("--checkpoint") { Description = "A signed checkpoint note the export must extend (saved byte for byte, e.g. with jq -j .note)" };
        var key = new Option<string?>(KeyOption) { Description = "The verifier key the checkpoint must be signed with, or a file holding it (with --checkpoint)" };
        var command = new Command("verify-file", "Verify an export offline, without the server, and optionally against a signed checkpoint") { path, noteFile, key };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(environment, async () =>
        {
            var file = parse.GetValue(path)!;
            if (!file.Exists)
            {
                throw new CliException(ExitCodes.Usage, $"{file.FullName} does not exist.");
            }

            if (parse.GetValue(noteFile) is null != parse.GetValue(key) is null)
            {
                throw new CliException(ExitCodes.Usage, $"--checkpoint and {KeyOption} go together: a checkpoint is worth only the key that signed it.");
            }

            var signed = parse.GetValue(noteFile) is { } note ? CheckpointNoteFile.Read(note, parse.GetValue(key)!, "--checkpoint", KeyOption) : null;
            var json = parse.GetValue(global.Json);
            var result = await ExportFileVerifier.VerifyAsync(file.FullName, signed?.Claimed.TreeSize, ct);
            try
            {
                if (!result.Valid)
                {
                    throw LedgerIntegrityException.ChainBroken($"line {result.FirstInvalidLine}: {result.Problem}");
                }

                Checkpoint? checkpoint = null;
                if (signed is not null)
                {
                    var source = $"the checkpoint {signed.File}";
                    checkpoint = CheckpointNotes.Open(signed.Key, signed.Note, source);
                    result.RequireExtends(checkpoint, source);
                }

                if (json)
                {
                    Output.Json(environment.Out, FileReport(result, Report(checkpoint), null));
                    return ExitCodes.Ok;
                }

                environment.Out.MarkupLineInterpolated($"[green]valid[/]: {result.EntriesChecked} entries, head sequence {result.HeadSequence}, head hash {result.HeadHash}");
                if (checkpoint is not null)
                {
                    environment.Out.MarkupLineInterpolated(
                        $"[green]checkpoint[/]: the first {checkpoint.TreeSize} entries have the root {Convert.ToBase64String(checkpoint.RootHash)} that {signed!.Key.Name}+{signed.Key.KeyHash:x8} signed for {checkpoint.Origin}");
                }

                return ExitCodes.Ok;
            }
            catch (LedgerIntegrityException broken)
            {
                return Invalid(environment, broken, json ? FileReport(result, null, FailureReport.From(broken)) : null);
            }
        }));
        return command;
    }

    private static string BrokenChain(AuditVerification chain) =>
        chain.TruncatedAt is { } truncatedAt
            ? $"the server finds its ledger cut: a signed checkpoint vouches for {truncatedAt} entries, the store holds {chain.EntriesChecked}."
            : chain.FirstInvalidCheckpoint is { } checkpoint
                ? $"the server finds that its checkpoint of size {checkpoint} does not hold (not signed by its key, or not over its entries); " +
                  $"the first entry in doubt is sequence {chain.FirstInvalidSequence}."
                : $"the server finds its chain broken at sequence {chain.FirstInvalidSequence} ({chain.EntriesChecked} entries checked).";

    private static int Invalid(CliEnvironment environment, LedgerIntegrityException broken, object? jsonReport)
    {
        if (jsonReport is not null)
        {
            Output.Json(environment.Out, jsonReport);
        }
        else
        {
            environment.Out.MarkupLineInterpolated($"[red]INVALID[/] ({broken.Kind}): {broken.Message}");
        }

        return ExitCodes.IntegrityFailure;
    }

    private static CheckpointReport? Report(Checkpoint? checkpoint) =>
        checkpoint is null ? null : new CheckpointReport(checkpoint.TreeSize, Convert.ToBase64String(checkpoint.RootHash), checkpoint.Origin);

    private static VerifyFileReport FileReport(ExportFileVerifier.Result result, CheckpointReport? checkpoint, FailureReport? failure) =>
        new(failure is null, result.EntriesChecked, result.HeadSequence, result.HeadHash, result.FirstInvalidLine, result.Problem, checkpoint, failure);
}
