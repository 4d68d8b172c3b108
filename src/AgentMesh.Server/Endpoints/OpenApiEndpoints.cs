namespace AgentMesh.Server.Endpoints;

/// <summary>
/// The REST API's OpenAPI document. Normally the checked-in <c>docs/openapi.json</c> (embedded at build);
/// generated from the endpoints only when asked, which the golden-file test does to keep the two equal.
/// </summary>
internal static class OpenApiEndpoints
{
    public static IServiceCollection AddMeshOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            // The document describes the API, not this process: no host or port, so it can be checked in.
            document.Servers?.Clear();
            document.Info.Title = "AgentMesh broker";
            document.Info.Version = "v1";
            return Task.CompletedTask;
        }));

    public static IEndpointRouteBuilder MapCheckedInOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/openapi/v1.json", ServeAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task ServeAsync(HttpContext context)
    {
        await using var document = typeof(OpenApiEndpoints).Assembly.GetManifestResourceStream("openapi.json")
            ?? throw new InvalidOperationException("The OpenAPI document was not embedded in the build.");
        context.Response.ContentType = "application/json;charset=utf-8";
        await document.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
