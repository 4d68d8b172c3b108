using System.Net.Http.Json;
using System.Text;
using AgentMesh.Protocol;
using AgentMesh.Protocol.Errors;
using AgentMesh.Protocol.Messages;
using AgentMesh.Testing;

namespace AgentMesh.Server.Tests;

/// <summary>Small request helpers shared by the broker API tests.</summary>
internal static class Api
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient http, string path, string json) =>
        http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    public static async Task<InboxResponse> ConsumeAsync(this TestBroker broker, string agent, double wait = 0)
    {
        var response = await broker.Http.PostAsync($"/v1/meshes/default/agents/{agent}/inbox/consume?wait={wait}", null, Ct);
        await EnsureOkAsync(response);
        return (await response.Content.ReadFromJsonAsync(MeshJsonContext.Default.InboxResponse, Ct))!; // 2xx has a body
    }

    public static async Task<T> GetAsync<T>(this HttpClient http, string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        var response = await http.GetAsync(path, Ct);
        await EnsureOkAsync(response);
        return (await response.Content.ReadFromJsonAsync(type, Ct))!; // 2xx has a body
    }

    public static async Task<ProblemBody> AssertProblemAsync(HttpResponseMessage response, int status, string code)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True((int)response.StatusCode == status, $"expected {status} {code}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.JsonSerializer.Deserialize(text, MeshJsonContext.Default.ProblemBody);
        Assert.NotNull(problem);
        Assert.Equal(code, problem.Code);
        Assert.Equal(status, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        return problem;
    }

    private static async Task EnsureOkAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        }
    }
}
