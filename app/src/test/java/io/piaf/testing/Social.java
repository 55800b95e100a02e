package io.piaf.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;

import io.piaf.testing.Api.User;

/** Messaging and notification steps over the public HTTP API, for scenario tests. Build one from the test's {@link Api}. */
public class Social {

    public static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private final Api api;

    public Social(Api api) {
        this.api = api;
    }

    public void follow(User follower, User followee) {
        api.put(follower, "/api/users/" + followee.handle() + "/follow", Map.of()).exchange().expectStatus().isNoContent();
    }

    /** Follows a protected account: a request it has to approve. */
    public void requestToFollow(User follower, User followee) {
        api.put(follower, "/api/users/" + followee.handle() + "/follow", Map.of()).exchange()
                .expectStatus().isAccepted().expectBody().jsonPath("$.status").isEqualTo("REQUESTED");
    }

    public void approve(User followee, User follower) {
        api.post(followee, "/api/me/follow-requests/" + follower.handle() + "/approve", Map.of()).exchange().expectStatus().isNoContent();
    }

    /** Changes the user's settings, e.g. {@code Map.of("protected", true)} or {@code Map.of("paymentVisibility", "PUBLIC")}. */
    public void settings(User user, Map<String, Object> settings) {
        api.put(user, "/api/me/settings", settings).exchange().expectStatus().isOk();
    }

    /** The first notification of this type the user has, once it arrives. */
    public Map<String, Object> awaitNotification(User user, String type) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(
                () -> items(get(user, "/api/notifications?limit=50")).stream()
                        .filter(n -> type.equals(n.get("type"))).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }

    public void unfollow(User follower, User followee) {
        api.delete(follower, "/api/users/" + followee.handle() + "/follow").exchange().expectStatus().isNoContent();
    }

    public Map<String, Object> post(User author, String text) {
        return post(author, text, "PUBLIC");
    }

    public Map<String, Object> post(User author, String text, String visibility) {
        var body = new HashMap<String, Object>();
        body.put("text", text);
        body.put("visibility", visibility);
        return api.post(author, "/api/posts", body).exchange().expectStatus().isCreated()
                .expectBody(JSON).returnResult().getResponseBody();
    }

    public Map<String, Object> get(User user, String uri) {
        return api.get(user, uri).exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    public static List<String> ids(Map<String, Object> page) {
        return items(page).stream().map(i -> (String) i.get("id")).toList();
    }

    /** Every item of a paginated list, following nextCursor with the given page size. */
    public List<Map<String, Object>> all(User user, String path, int limit) {
        var all = new ArrayList<Map<String, Object>>();
        String cursor = null;
        for (int pages = 0; pages < 1000; pages++) {
            var uri = path + (path.contains("?") ? "&" : "?") + "limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor);
            var page = get(user, uri);
            all.addAll(items(page));
            cursor = (String) page.get("nextCursor");
            if (cursor == null) {
                return all;
            }
        }
        throw new AssertionError("more than 1000 pages at " + path);
    }

    public List<String> timelineIds(User user) {
        return all(user, "/api/timeline", 50).stream().map(i -> (String) i.get("id")).toList();
    }

    /** Asserts a problem+json answer with the given status and code. */
    public static void assertProblem(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response, int status, String code) {
        var body = response.expectStatus().isEqualTo(status)
                .expectHeader().contentType("application/problem+json")
                .expectBody(JSON).returnResult().getResponseBody();
        assertThat(body).containsEntry("code", code);
    }
}
