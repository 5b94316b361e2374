using Wangge.Hosting;

return await WanggeCli.RunAsync(args);
