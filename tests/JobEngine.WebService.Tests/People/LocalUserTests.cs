using JobEngine.Authority.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace JobEngine.WebService.Tests.People;

public sealed class LocalUserTests
{
    private static readonly string AdaHash = new PasswordHasher<object>().HashPassword(new object(), "ada-test-password");

    private static LocalUser Ada() => new() { Name = "ada", PasswordHash = AdaHash, Tenants = ["acme"], Roles = ["Orch.Operator"] };

    [Fact]
    public void Verify_TheRightPassword_GivesThePersonWithTheirRolesAndTenants_AWrongOneOrAnUnknownNameNothing()
    {
        var directory = new LocalUserDirectory(Monitor(new LocalUsersOptions { Users = [Ada()] }));

        var ada = directory.Verify("ada", "ada-test-password");

        Assert.NotNull(ada);
        Assert.Equal("ada", ada.Subject);
        Assert.Equal(["Orch.Operator"], ada.Roles.ToArray());
        Assert.Equal(["acme"], ada.Tenants.ToArray());
        Assert.Null(directory.Verify("ada", "ada-test-passwore"));
        Assert.Null(directory.Verify("Ada", "ada-test-password"));
        Assert.Null(directory.Verify("nobody", "ada-test-password"));
    }

    [Fact]
    public void Validate_AcceptsAWellFormedUser()
    {
        Assert.True(new LocalUsersValidator().Validate(null, new LocalUsersOptions { Users = [Ada()] }).Succeeded);
    }

    [Theory]
    [InlineData("a:b", "Name")]
    [InlineData("", "Name")]
    public void Validate_RefusesANameThatCouldNotBeASubject(string name, string field)
    {
        var user = Ada();
        user.Name = name;

        var result = new LocalUsersValidator().Validate(null, new LocalUsersOptions { Users = [user] });

        Assert.Contains(result.Failures!, failure => failure.Contains($"JobEngine:Users:0:{field}", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_RefusesAPlainPassword_AnUnknownRole_ABadTenant_AndADuplicate()
    {
        var plain = Ada();
        plain.PasswordHash = "ada-test-password";
        var unknownRole = Ada();
        unknownRole.Name = "grace";
        unknownRole.Roles = ["Orch.Root"];
        var badTenant = Ada();
        badTenant.Name = "ken";
        badTenant.Tenants = ["Acme Corp"];

        var failures = new LocalUsersValidator()
            .Validate(null, new LocalUsersOptions { Users = [plain, unknownRole, badTenant, Ada()] }).Failures!.ToList();

        Assert.Contains(failures, failure => failure.StartsWith("JobEngine:Users:0:PasswordHash", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("JobEngine:Users:1:Roles: 'Orch.Root'", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("JobEngine:Users:2:Tenants: 'Acme Corp'", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("JobEngine:Users:3:Name 'ada' is configured twice", StringComparison.Ordinal));
    }

    private static IOptionsMonitor<LocalUsersOptions> Monitor(LocalUsersOptions options) => new FixedMonitor(options);

    private sealed class FixedMonitor(LocalUsersOptions value) : IOptionsMonitor<LocalUsersOptions>
    {
        public LocalUsersOptions CurrentValue => value;

        public LocalUsersOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<LocalUsersOptions, string?> listener) => null;
    }
}
