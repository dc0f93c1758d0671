namespace JobEngine.Cli.Tests;

/// <summary>Where jobctl keeps tokens and pins when no test hands it a directory.</summary>
public sealed class ConfigDirectoryTests
{
    [Fact]
    public void WithoutXdgConfigHome_ItIsUnderHome_EvenBeforeHomeHasAConfigFolder()
    {
        var home = Path.Combine(Path.GetTempPath(), "jobctl-home-" + Guid.NewGuid().ToString("N"));

        var directory = CliEnvironment.DefaultConfigDirectory(name => name == "HOME" ? home : null);

        Assert.False(Directory.Exists(home));
        Assert.Equal(Path.Combine(home, ".config", "jobctl"), directory);
    }

    [Fact]
    public void XdgConfigHome_WinsOverHome()
    {
        var directory = CliEnvironment.DefaultConfigDirectory(name => name switch
        {
            "XDG_CONFIG_HOME" => "/srv/config",
            "HOME" => "/home/ada",
            _ => null,
        });

        Assert.Equal(Path.Combine("/srv/config", "jobctl"), directory);
    }

    [Fact]
    public void AnEmptyXdgConfigHome_CountsAsUnset()
    {
        var directory = CliEnvironment.DefaultConfigDirectory(name => name switch
        {
            "XDG_CONFIG_HOME" => "",
            "HOME" => "/home/ada",
            _ => null,
        });

        Assert.Equal(Path.Combine("/home/ada", ".config", "jobctl"), directory);
    }
}
