package io.piaf.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.piaf.testing.Api;
import io.piaf.testing.Social;

/**
 * The journey against the local cluster: two Piaf instances on one PostgreSQL behind HAProxy, round robin, and
 * notifications as a service of its own fed from Kafka ({@code bin/cluster test} starts it and runs this with
 * {@code -Dpiaf.cluster.url}, {@code -Dpiaf.cluster.instances} and {@code -Dpiaf.cluster.notifications-url}).
 */
@EnabledIfSystemProperty(named = "piaf.cluster.url", matches = "https?://.+")
class ClusterJourneyTests extends PayByPostJourney {

    private final String base = System.getProperty("piaf.cluster.url");
    private final Api api = new Api(WebTestClient.bindToServer().baseUrl(base).responseTimeout(Duration.ofSeconds(30)).build());

    @Override
    Api api() {
        return api;
    }

    @Override
    String base() {
        return base;
    }

    /** Through HAProxy, notifications come from the service; the Piaf instances have no notifications API at all. */
    @Test
    @EnabledIfSystemProperty(named = "piaf.cluster.notifications-url", matches = "https?://.+")
    void notifications_are_served_by_the_service_and_by_no_piaf_instance() {
        var social = new Social(api);
        var bob = api.signUp("bob");
        var alice = api.signUp("alice");
        social.follow(alice, bob);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> !api.notifications(bob, "new_follower").isEmpty());

        var service = new Api(WebTestClient.bindToServer().baseUrl(System.getProperty("piaf.cluster.notifications-url")).build());
        assertThat(service.notifications(bob, "new_follower")).isEqualTo(api.notifications(bob, "new_follower"));
        for (var instance : Arrays.stream(System.getProperty("piaf.cluster.instances", "").split("\\s+")).filter(s -> !s.isBlank()).toList()) {
            new Api(WebTestClient.bindToServer().baseUrl(instance).build()).get(bob, "/api/notifications").exchange()
                    .expectStatus().isNotFound();
        }
    }
}
