using System.Net;
using JobEngine.Authority.Lockouts;
using JobEngine.Infrastructure.Lockouts;

namespace JobEngine.WebService.Tests.Authority;

public sealed class FailureSubjectTests
{
    [Theory]
    [InlineData("192.0.2.7", "address:192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "address:192.0.2.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "address:2001:db8:1:2::/64")]
    [InlineData("::1", "address:::/64")]
    public void AnAddress_IsCountedByItself_OrByItsIPv6Network(string address, string key) =>
        Assert.Equal(key, FailureSubject.Address(IPAddress.Parse(address)).Key);

    [Fact]
    public void ALongClientId_IsKeyedByItsHash_WithinTheStoresLimit()
    {
        var subject = FailureSubject.Client(new string('x', 60_000));

        Assert.StartsWith("client-sha256:", subject.Key);
        Assert.True(subject.Key.Length <= AuthenticationFailureStore.MaxSubjectLength);
        Assert.Equal(65, subject.Shown.Length);
        Assert.Equal("client:" + new string('x', 128), FailureSubject.Client(new string('x', 128)).Key);
    }

    [Fact]
    public void ARequestWithoutClientIdOrAddress_HasOnlyTheSubjectsItNames()
    {
        Assert.Empty(FailureSubject.Of(null, null));
        Assert.Equal(FailureSubjectKind.Address, Assert.Single(FailureSubject.Of("", IPAddress.Loopback)).Kind);
        Assert.Equal(FailureSubjectKind.Client, Assert.Single(FailureSubject.Of("acme", null)).Kind);
    }
}
