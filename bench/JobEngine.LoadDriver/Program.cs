using System.Globalization;
using System.Text.Json;
using JobEngine.LoadDriver;

// Usage: JobEngine.LoadDriver --server PATH.dll --postgres CONN --out docs/benchmarks.md [--chain chain.json] [--analysis FILE] [--quick]
//        [--only sqlite|postgres|tree|audit|ledger]: one part of the run (to profile a scenario); prints its rows, writes no report
//        (ledger: only the ledger append rows of both stores).
if (args.FirstOrDefault() == SigningEndpoint.Argument)
{
    await SigningEndpoint.RunAsync(args[1], args[2], args[3]);
    return;
}

string Argument(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? throw new ArgumentException($"{name} is required");
string? Optional(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

var quick = args.Contains("--quick");
var settings = new BenchSettings(quick);
var serverAssembly = Path.GetFullPath(Argument("--server"));
var postgresServer = Argument("--postgres");
var only = Optional("--only");
var output = only is null ? Argument("--out") : null;
string? postgresVersion = null;
var ledgerOnly = only == "ledger";
bool Runs(string part) => only is null || only == part || (ledgerOnly && part is "sqlite" or "postgres");
var scenarios = new Scenarios(settings);
var tokenScenarios = new TokenScenarios(settings);
var ledgerScenarios = new LedgerScenarios(settings);
var rows = new List<Measurement>();
var scratch = Directory.CreateTempSubdirectory("jobengine-bench-");
static string Line(Measurement row) => string.Create(CultureInfo.InvariantCulture,
    $"{row.Benchmark,-60} {row.Ours,12:F2} {row.Unit,-18} ratio {(row.Ratio is { } r ? r.ToString("F2", CultureInfo.InvariantCulture) : "-"),6}  goal {row.Goal} met {row.MeetsGoal}  baseline {row.Baseline:F2}  {row.Latency}  {row.Note}");
void Add(Measurement row)
{
    rows.Add(row);
    Log(Line(row));
}

void Log(string message) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.Now:HH:mm:ss}] {message}"));

try
{
    if (Optional("--chain") is { } chainFile && File.Exists(chainFile))
    {
        var chain = JsonDocument.Parse(File.ReadAllText(chainFile)).RootElement;
        var ratio = chain.GetProperty("ratio").GetDouble();
        rows.Add(new Measurement("chain verification (from memory)", "entries/s", chain.GetProperty("ours").GetDouble(),
            chain.GetProperty("baseline").GetDouble(), "SHA-256 over the same canonical bytes", "≥ 0.5", ratio >= 0.5));
    }

    if (Runs("sqlite"))
    {
        await SqliteAsync();
    }

    if (Runs("postgres"))
    {
        postgresVersion = await PostgresAsync();
    }

    if (Runs("tree"))
    {
        await TreeCostAsync();
    }

    if (Runs("audit"))
    {
        await AuditAsync();
    }

    var analysis = Optional("--analysis") is { } analysisFile && File.Exists(analysisFile) ? File.ReadAllText(analysisFile) : "";
    if (output is not null)
    {
        await File.WriteAllTextAsync(output, Report.Render(rows, quick, postgresVersion, analysis));
        Console.WriteLine($"Wrote {output}");
    }

    foreach (var row in rows)
    {
        Console.WriteLine(Line(row));
    }
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    scratch.Delete(recursive: true);
}

// SQLite: tokens, validation, ledger appends, footprint and start-up.
async Task SqliteAsync()
{
    var sqliteDirectory = Path.Combine(scratch.FullName, "sqlite");
    var sqliteSettings = new Dictionary<string, string>(LedgerServer()) { ["JobEngine:Storage:ConnectionString"] = $"Data Source={Path.Combine(sqliteDirectory, "jobengine.db")}" };
    var sqliteStore = BenchStore.Sqlite(Path.Combine(sqliteDirectory, "jobengine.db"));
    TimeSpan coldStart;
    await using (var first = await ServerHost.StartAsync(serverAssembly, sqliteSettings))
    {
        coldStart = first.StartupToReady;
    }

    await using (var server = await ServerHost.StartAsync(serverAssembly, sqliteSettings))
    {
        var warmStart = server.StartupToReady;
        var peaks = new List<string> { string.Create(CultureInfo.InvariantCulture, $"at ready {server.PeakRssMB():F0}") };
        if (!ledgerOnly)
        {
            Log("token issuance");
            Add(await tokenScenarios.IssuanceAsync(server, sqliteStore));
            peaks.Add(string.Create(CultureInfo.InvariantCulture, $"after token issuance {server.PeakRssMB():F0}"));
            Log("token validation");
            foreach (var row in await tokenScenarios.ValidationAsync(server))
            {
                Add(row);
            }

            peaks.Add(string.Create(CultureInfo.InvariantCulture, $"after token validation {server.PeakRssMB():F0}"));
        }

        foreach (var tenants in new[] { 1, ServerHost.LedgerTenants.Length })
        {
            Log($"ledger append (SQLite, {tenants} tenants)");
            Add(await scenarios.LedgerAppendAsync(server, sqliteStore, "SQLite", tenants));
        }

        peaks.Add(string.Create(CultureInfo.InvariantCulture, $"after the ledger appends {server.PeakRssMB():F0}"));

        if (ledgerOnly)
        {
            return;
        }

        var rss = server.PeakRssMB();
        var (anonymous, mapped, shared) = server.RssNowMB();
        Add(new Measurement("footprint: peak RSS under the token and action loads", "MB", rss, null, "— (VmHWM of the server process, 10^6 bytes)",
            "≤ 200 MB under the token and action loads", rss <= 200, null,
            string.Create(CultureInfo.InvariantCulture, $"peak so far (MB): {string.Join(", ", peaks)}; resident after the loads: anonymous {anonymous:F0} MB, file-backed {mapped:F0} MB, shared {shared:F0} MB")));
        Add(new Measurement("footprint: start-up to ready (warm store)", "s", warmStart.TotalSeconds, null,
            $"first start with migrations: {coldStart.TotalSeconds:F2} s", "start-up to ready ≤ 2 s", warmStart.TotalSeconds <= 2, null,
            string.Create(CultureInfo.InvariantCulture, $"server CPU time to ready {server.CpuToReady.TotalSeconds:F2} s (all threads)")));
    }
}

// The clients of the ledger append rows: the bench clients, the second tenant's operator and one operator per tenant of the many-tenant row.
static Dictionary<string, string> LedgerServer() =>
    new(ServerHost.SecondTenantClient().Concat(ServerHost.TenantOperators()));

// PostgreSQL: ledger appends and the job cycle, on a fresh database.
async Task<string?> PostgresAsync()
{
    await using var database = await ScratchDatabase.CreateAsync(postgresServer, maxPoolSize: 60);
    var postgresStore = new BenchStore(true, database.ConnectionString);
    await using var server = await ServerHost.StartAsync(serverAssembly,
        new Dictionary<string, string>(LedgerServer()) { ["JobEngine:Storage:ConnectionString"] = database.ConnectionString });
    foreach (var tenants in new[] { 1, ServerHost.LedgerTenants.Length })
    {
        Log($"ledger append (PostgreSQL, {tenants} tenants)");
        Add(await scenarios.LedgerAppendAsync(server, postgresStore, "PostgreSQL", tenants));
    }

    if (!ledgerOnly)
    {
        Log("job cycle (PostgreSQL)");
        Add(await scenarios.JobCycleAsync(server, postgresStore));
    }

    return database.ServerVersion;
}

// What the Merkle tree costs an audited action, on each store: two servers on one fresh database,
// the second started with the benchmark-only variable that makes its appends skip the tree.
async Task TreeCostAsync()
{
    var treeCost = new TreeCost(settings);
    async Task RunAsync(string storeName, string connectionString, BenchStore store)
    {
        // No background signing on either: the tree-less tenant has no tree to sign, and the row measures the append.
        var common = new Dictionary<string, string>(ServerHost.SecondTenantClient())
        {
            ["JobEngine:Storage:ConnectionString"] = connectionString,
            ["JobEngine:Ledger:CheckpointInterval"] = "01:00:00",
        };
        await using var withTree = await ServerHost.StartAsync(serverAssembly, common);
        await using var withoutTree = await ServerHost.StartAsync(serverAssembly, new Dictionary<string, string>(common) { [TreeCost.SkipTreeVariable] = "1" });
        Log($"Merkle tree cost ({storeName})");
        Add(await treeCost.RunAsync(withTree, withoutTree, store, storeName));
    }

    var sqliteFile = Path.Combine(scratch.FullName, "tree", "jobengine.db");
    await RunAsync("SQLite", $"Data Source={sqliteFile}", BenchStore.Sqlite(sqliteFile));
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

    // Two servers share the database: a smaller pool each keeps both within PostgreSQL's connection limit.
    await using var database = await ScratchDatabase.CreateAsync(postgresServer, maxPoolSize: 30);
    await RunAsync("PostgreSQL", database.ConnectionString, new BenchStore(true, database.ConnectionString));
    postgresVersion ??= database.ServerVersion;
}

// The audit query, proofs and checkpoint signing over a large ledger, seeded directly with a valid chain and its tree.
async Task AuditAsync()
{
    var auditDirectory = Path.Combine(scratch.FullName, "audit");
    var auditStore = BenchStore.Sqlite(Path.Combine(auditDirectory, "jobengine.db"));

    // The server's own signer waits an hour, so that every POST /audit/checkpoints below signs a new size.
    var auditSettings = new Dictionary<string, string>(ConsoleScenarios.UserSettings())
    {
        ["JobEngine:Storage:ConnectionString"] = auditStore.ConnectionString,
        ["JobEngine:Ledger:CheckpointInterval"] = "01:00:00",
    };
    await using (await ServerHost.StartAsync(serverAssembly, auditSettings))
    {
        // The first start creates the schema.
    }

    Log($"seeding {settings.LedgerEntries:N0} ledger entries");
    var ticket = "BENCH-QUERY-1";
    var seeding = System.Diagnostics.Stopwatch.StartNew();
    var sample = auditStore.SeedLedger("bench", settings.LedgerEntries, ticket, settings.LedgerEntries / 50);
    var jobs = auditStore.SeedJobs("bench", "checkpoint", settings.SeededJobs);
    Log($"seeded in {seeding.Elapsed.TotalSeconds:F0} s");
    await using (var server = await ServerHost.StartAsync(serverAssembly, auditSettings))
    {
        Log("audit query");
        Add(await scenarios.AuditQueryAsync(server, ticket, settings.LedgerEntries));
        Log("inclusion proof");
        Add(await ledgerScenarios.InclusionProofAsync(server, sample, settings.LedgerEntries));
        Log("consistency proof");
        Add(await ledgerScenarios.ConsistencyProofAsync(server, sample, settings.LedgerEntries));
        Log("console pages");
        foreach (var row in await new ConsoleScenarios(settings).PagesAsync(server, ticket, sample, settings.LedgerEntries))
        {
            Add(row);
        }
    }

    // Tenants made due before the server starts, each grown since its newest checkpoint. Its signer's
    // first pass comes after the append load below, which also warms the signing code, as in a server
    // that has run for a while.
    var half = settings.SigningTenantEntries / 2;
    Log($"seeding {settings.SigningTenants:N0} tenants of {half:N0} entries, signing them, and {half:N0} more entries each");
    var signingTenants = Enumerable.Range(0, settings.SigningTenants).Select(tenant => $"bench-sign-{tenant:00000}").ToList();
    signingTenants.ForEach(tenant => auditStore.SeedLedger(tenant, half, "BENCH-SIGN", half));
    await using (var server = await ServerHost.StartAsync(serverAssembly, new Dictionary<string, string>(auditSettings) { ["JobEngine:Ledger:CheckpointInterval"] = "00:00:01" }))
    {
        var (signed, _) = await LedgerScenarios.SignedByPassesAsync(server, settings.SigningTenants, fromNow: false);
        if (signed.Signed < settings.SigningTenants)
        {
            throw new InvalidOperationException($"Only {signed.Signed:N0} of {settings.SigningTenants:N0} seeded tenants were signed before they grew.");
        }
    }

    signingTenants.ForEach(tenant => auditStore.ExtendLedger(tenant, settings.SigningTenantEntries - half, "BENCH-SIGN"));

    var passSettings = new Dictionary<string, string>(auditSettings)
    {
        ["JobEngine:Ledger:CheckpointInterval"] = settings.SigningPassAfter.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    };
    await using (var server = await ServerHost.StartAsync(serverAssembly, passSettings))
    {
        Log("checkpoint signing: the append rate and on-demand checkpoints");
        var signingNeed = await ledgerScenarios.SigningNeedAsync(server, jobs);
        Log("checkpoint signing: the signing service's first pass");
        Add(await ledgerScenarios.CheckpointPassAsync(server, signingNeed, settings.SigningTenants, settings.SigningTenantEntries, settings.LedgerEntries));
    }
}
