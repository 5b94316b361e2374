using Wangge.Hosting;

return await WanggeCli.Build().Parse(args).InvokeAsync();
