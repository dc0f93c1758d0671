using JobEngine.Cli;

return await JobCtl.RunAsync(args, CliEnvironment.FromProcess());
