package io.piaf.journeys;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.piaf.testing.Api;
import io.piaf.testing.PiafTest;

/** The journey against one Piaf process (the default shape). */
@PiafTest
class SingleProcessJourneyTests extends PayByPostJourney {

    @Autowired Api api;
    @LocalServerPort int port;

    @Override
    Api api() {
        return api;
    }

    @Override
    String base() {
        return "http://localhost:" + port;
    }
}
