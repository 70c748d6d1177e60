using Shop.Testing;

namespace Shop.ClusterTests;

/// <summary>The container set-up cannot run here (no Docker engine); its nginx site must still be the one servers and these tests use.</summary>
public sealed class DeployFilesTests
{
    [Fact]
    public async Task The_compose_nginx_site_is_the_rendered_shared_site()
    {
        var committed = await File.ReadAllLinesAsync(Repository.Deploy("docker/shop.conf"));
        var command = committed[0].TrimStart('#', ' ').Split(' ');
        Assert.Equal("deploy/nginx/render.sh", command[1]);

        var rendered = await PostgresServer.RunAsync("bash", [Repository.Deploy("nginx/render.sh"), .. command[2..]], environment: null);

        Assert.Equal(rendered.TrimEnd('\n'), string.Join('\n', committed[1..]));
        Assert.Contains("server app1:8080 max_fails=1", rendered);
    }
}
