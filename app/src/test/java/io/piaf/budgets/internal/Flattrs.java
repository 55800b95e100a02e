package io.piaf.budgets.internal;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.piaf.testing.Api;
import io.piaf.testing.Api.User;
import io.piaf.testing.Social;
import io.piaf.testing.Wallets;

/** Test steps of the budget journey. */
final class Flattrs {

    private final Api api;
    private Api.User probe;

    Flattrs(Api api) {
        this.api = api;
    }

    static Map<String, Object> budget(String monthly, String split) {
        return Map.of("monthly", Wallets.money(monthly), "split", split);
    }

    /** A post by {@code author}, once budgets knows it (its PostPublished event arrives just after). */
    String post(User author, String text) {
        return (String) new Social(api).post(author, text).get("id");
    }

    /** Flattrs {@code post}, waiting for budgets to have heard of it. */
    void flattr(User user, String post) {
        awaitPost(post);
        api.post(user, "/api/posts/" + post + "/flattr", Map.of()).exchange().expectStatus().isNoContent();
    }

    /** Waits until budgets has heard of {@code post}: a flattr by a user without budget answers 409 no_budget, not 404. */
    void awaitPost(String post) {
        if (probe == null) {
            probe = api.signUp("probe");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> api.post(probe, "/api/posts/" + post + "/flattr", Map.of()).exchange()
                .returnResult(String.class).getStatus().value() == 409);
    }

    Map<String, Object> view(User user) {
        return api.get(user, "/api/budget").exchange().expectStatus().isOk().expectBody(Social.JSON).returnResult().getResponseBody();
    }
}
