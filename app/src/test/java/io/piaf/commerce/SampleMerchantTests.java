package io.piaf.commerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.piaf.testing.Api;
import io.piaf.testing.Commerce;
import io.piaf.testing.PiafTest;
import io.piaf.testing.SampleMerchant;
import io.piaf.testing.Wallets;

/**
 * The sample merchant ({@code examples/merchant/Merchant.java}), run as a separate program the way README says, sells
 * a basket to a Piaf user, receives and verifies the webhook, and refunds; a forged or stale webhook is refused.
 */
@PiafTest
class SampleMerchantTests {

    @Autowired Api api;
    @LocalServerPort int port;
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void the_sample_shop_sells_a_basket_verifies_the_webhook_and_refunds() throws Exception {
        var commerce = new Commerce(api);
        var wallets = new Wallets(api);
        var shop = commerce.merchant("Boulangerie Piaf");
        try (var sample = SampleMerchant.start(commerce, shop, port)) {
            sold(sample.url(), sample.webhookSecret(), commerce, wallets);
        }
    }

    private void sold(String shopUrl, String secret, Commerce commerce, Wallets wallets) throws Exception {
        var basket = post(shopUrl + "/checkout", "application/x-www-form-urlencoded", "Croissant=2&Baguette=1", null);
        assertThat(basket.statusCode()).isEqualTo(303);
        var checkoutUrl = basket.headers().firstValue("Location").orElseThrow();
        assertThat(checkoutUrl).matches("http://localhost:\\d+/checkout/[0-9a-f-]{36}"); // Piaf's checkout page (piaf.commerce.app-url)
        var sessionId = checkoutUrl.substring(checkoutUrl.lastIndexOf('/') + 1);

        var alice = wallets.payer("alice", "10.00");
        commerce.pay(alice, sessionId, Wallets.PIN).expectStatus().isOk();
        assertThat(wallets.balance(alice)).isEqualTo("6.50");
        await().atMost(Duration.ofSeconds(15)).until(() -> get(shopUrl + "/orders.json").body().contains("\"status\":\"PAID\""));

        var orderId = get(shopUrl + "/orders.json").body().replaceAll("(?s).*\"id\":\"(ord_[^\"]+)\".*", "$1");
        assertThat(post(shopUrl + "/orders/" + orderId + "/refund", "application/x-www-form-urlencoded", "", null).statusCode()).isEqualTo(303);
        await().atMost(Duration.ofSeconds(15)).until(() -> get(shopUrl + "/orders.json").body().contains("\"status\":\"REFUNDED\""));
        assertThat(get(shopUrl + "/orders.json").body()).contains("\"refunded\":\"3.50\"");
        assertThat(wallets.balance(alice)).isEqualTo("10.00");

        // Forgeries: what the sample accepts is only what the endpoint's secret signed, recently, over these exact bytes.
        var body = "{\"id\":\"evt_forged\",\"type\":\"checkout.session.completed\",\"created\":0,\"data\":{\"object\":{\"id\":\"cs_unknown\"}}}";
        var now = Instant.now().getEpochSecond();
        assertThat(webhook(shopUrl, body, sign(secret, now, body)).statusCode()).isEqualTo(200); // the control: a genuine signature passes
        assertThat(webhook(shopUrl, body.replace("evt_forged", "evt_other"), sign(secret, now, body)).statusCode()).isEqualTo(400);
        assertThat(webhook(shopUrl, body, sign("whsec_not_the_secret", now, body)).statusCode()).isEqualTo(400);
        assertThat(webhook(shopUrl, body, sign(secret, now - 301, body)).statusCode()).isEqualTo(400);
        assertThat(webhook(shopUrl, body, "t=" + now).statusCode()).isEqualTo(400);
        assertThat(webhook(shopUrl, body, null).statusCode()).isEqualTo(400);
        // none of them touched the order
        assertThat(get(shopUrl + "/orders.json").body()).contains("\"status\":\"REFUNDED\"");
    }

    private static String sign(String secret, long t, String body) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> webhook(String shopUrl, String body, String signature) throws Exception {
        return post(shopUrl + "/webhooks", "application/json", body, signature);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String type, String body, String signature) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("Piaf-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
