namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>One running host shared by the tests of a class; its data is removed afterwards.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public JobEngineApp App { get; } = new();

    public TokenClient Tokens => new(App.CreateClient());

    public Task InitializeAsync()
    {
        _ = App.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        TestStore.Delete(App.DataDirectory);
    }
}
