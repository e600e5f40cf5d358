// The portal benchmark's reference: a bare Razor page rendering a 20-row table, nothing else.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddRazorPages();
var app = builder.Build();
app.MapRazorPages();
app.Run();
