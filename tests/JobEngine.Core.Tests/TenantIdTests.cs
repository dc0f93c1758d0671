using JobEngine.Core.Tenants;

namespace JobEngine.Core.Tests;

public sealed class TenantIdTests
{
    [Theory]
    [InlineData("acme")]
    [InlineData("globex-eu_1")]
    [InlineData("7")]
    public void Accepts(string raw) => Assert.True(TenantId.TryCreate(raw, out _, out _));

    [Theory]
    [InlineData("")]
    [InlineData("Acme")]
    [InlineData("-acme")]
    [InlineData("ac me")]
    [InlineData("acme\n")]
    public void Refuses(string raw) => Assert.False(TenantId.TryCreate(raw, out _, out _));

    [Fact]
    public void RefusesMoreThan64Characters()
    {
        Assert.True(TenantId.TryCreate(new string('a', 64), out _, out _));
        Assert.False(TenantId.TryCreate(new string('a', 65), out _, out _));
    }
}
