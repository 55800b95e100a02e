package io.piaf.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Savings helpers over the public HTTP API: vaults, moves, settings. */
public final class Vaults {

    private final Api api;

    public Vaults(Api api) {
        this.api = api;
    }

    /** Opens a vault (201 expected) and returns its JSON. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> open(Api.User user, String name, String goal) {
        var body = new HashMap<String, Object>();
        body.put("name", name);
        if (goal != null) {
            body.put("goal", Map.of("amount", Wallets.money(goal)));
        }
        return api.post(user, "/api/savings/vaults", body).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    public String openId(Api.User user, String name) {
        return (String) open(user, name, null).get("id");
    }

    public WebTestClient.ResponseSpec move(Api.User user, String vaultId, String direction, Object body, String key) {
        var spec = api.http().post().uri("/api/savings/vaults/" + vaultId + "/" + direction)
                .header("Authorization", user.bearer()).contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            spec = spec.header("Idempotency-Key", key);
        }
        return spec.bodyValue(body).exchange();
    }

    /** Deposits {@code amount} (201 expected). */
    public void deposit(Api.User user, String vaultId, String amount) {
        move(user, vaultId, "deposits", Map.of("amount", Wallets.money(amount)), UUID.randomUUID().toString())
                .expectStatus().isCreated();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> vault(Api.User user, String vaultId) {
        return api.get(user, "/api/savings/vaults/" + vaultId).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    public String balance(Api.User user, String vaultId) {
        return (String) ((Map<String, Object>) vault(user, vaultId).get("balance")).get("amount");
    }

    @SuppressWarnings("unchecked")
    public String interestEarned(Api.User user, String vaultId) {
        return (String) ((Map<String, Object>) vault(user, vaultId).get("interestEarned")).get("amount");
    }
}
