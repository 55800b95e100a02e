package io.piaf.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The sample merchant ({@code examples/merchant/Merchant.java}) run as a separate program, the way README says
 * ({@code java Merchant.java} with the merchant's client and its webhook endpoint's secret), on a free port.
 */
public final class SampleMerchant implements AutoCloseable {

    private final Process process;
    private final String url;
    private final String webhookSecret;

    private SampleMerchant(Process process, String url, String webhookSecret) {
        this.process = process;
        this.url = url;
        this.webhookSecret = webhookSecret;
    }

    /** Registers the shop's webhook endpoint for {@code shop} and starts the program; returns once its page answers. */
    public static SampleMerchant start(Commerce commerce, Commerce.Merchant shop, int piafPort) throws Exception {
        var port = freePort();
        var url = "http://localhost:" + port;
        var secret = (String) commerce.endpoint(shop, url + "/webhooks").get("secret");
        var source = Path.of("..", "examples", "merchant", "Merchant.java").toAbsolutePath().normalize();
        assertThat(source).exists();
        var log = Path.of("target", "sample-merchant.log");
        Files.createDirectories(log.getParent());
        var java = ProcessHandle.current().info().command().orElse("java");
        var builder = new ProcessBuilder(java, source.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        var env = builder.environment();
        env.put("PIAF_URL", "http://localhost:" + piafPort);
        env.put("PIAF_CLIENT_ID", shop.clientId());
        env.put("PIAF_CLIENT_SECRET", shop.clientSecret());
        env.put("PIAF_WEBHOOK_SECRET", secret);
        env.put("PORT", Integer.toString(port));
        var sample = new SampleMerchant(builder.start(), url, secret);
        var http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(40)).ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(URI.create(url + "/")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return sample;
    }

    public String url() {
        return url;
    }

    public String webhookSecret() {
        return webhookSecret;
    }

    @Override
    public void close() {
        process.destroy();
    }

    private static int freePort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
