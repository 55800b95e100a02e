package io.piaf.journeys;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.piaf.testing.Api;

/**
 * The journey against the local cluster: two Piaf instances on one PostgreSQL behind HAProxy, round robin
 * ({@code bin/cluster test} starts it, runs this with {@code -Dpiaf.cluster.url}, and stops it).
 */
@EnabledIfSystemProperty(named = "piaf.cluster.url", matches = "https?://.+")
class ClusterJourneyTests extends PayByPostJourney {

    private final String base = System.getProperty("piaf.cluster.url");
    private final Api api = new Api(WebTestClient.bindToServer().baseUrl(base).build());

    @Override
    Api api() {
        return api;
    }

    @Override
    String base() {
        return base;
    }
}
