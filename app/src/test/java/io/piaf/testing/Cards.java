package io.piaf.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import networksim.CardNetwork;

/** Card helpers over the public HTTP API, and the card network (the simulator) signed with the test secret. */
public final class Cards {

    /** Where the test profile keeps generated secrets (piaf.secrets.dir). */
    public static final Path SECRETS = Path.of("target/test-secrets");

    private final Api api;
    private final int port;

    public Cards(Api api, int port) {
        this.api = api;
        this.port = port;
    }

    public CardNetwork network() {
        try {
            var secret = Files.readString(SECRETS.resolve("cards-network-secret")).strip().getBytes(StandardCharsets.UTF_8);
            return new CardNetwork(URI.create("http://localhost:" + port), secret);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> issue(Api.User user, String type) {
        return api.post(user, "/api/cards", Map.of("type", type)).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    /** Issues a virtual card and reads it as a terminal would (after the PIN step-up). */
    public CardNetwork.Card card(Api.User user) {
        return reveal(user, (String) issue(user, "VIRTUAL").get("id"));
    }

    @SuppressWarnings("unchecked")
    public CardNetwork.Card reveal(Api.User user, String cardId) {
        var body = api.post(user, "/api/cards/" + cardId + "/reveal", Map.of("pin", Wallets.PIN)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return new CardNetwork.Card((String) body.get("number"), (Integer) body.get("expMonth"), (Integer) body.get("expYear"),
                (String) body.get("cvc"));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> wallet(Api.User user) {
        return api.get(user, "/api/wallet").exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    public String available(Api.User user) {
        return (String) ((Map<String, Object>) wallet(user).get("available")).get("amount");
    }

    @SuppressWarnings("unchecked")
    public java.util.List<Map<String, Object>> transactions(Api.User user, String cardId) {
        var body = api.get(user, "/api/cards/" + cardId + "/transactions").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (java.util.List<Map<String, Object>>) body.get("items");
    }

    public static void approved(CardNetwork.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.approved()).as(reply.body()).isTrue();
    }

    public static void declined(CardNetwork.Reply reply, String reason) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.approved()).as(reply.body()).isFalse();
        assertThat(reply.reason()).isEqualTo(reason);
    }
}
