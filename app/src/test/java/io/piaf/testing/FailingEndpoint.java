package io.piaf.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;
import reactor.core.publisher.Mono;

/**
 * An endpoint that fails as a bug would, with SQL in its exception (ProblemDetailsTests: nothing of it may leak). It
 * lives in the shared {@link PiafTest} context rather than in a context of its own (a start and an OpenAPI
 * description less per run); hidden from the description, which stays the product's (docs/openapi.json).
 */
@TestConfiguration(proxyBeanMethods = false)
@RestController
@Hidden
public class FailingEndpoint {

    public static final String PATH = "/api/test/explode";

    @GetMapping(PATH)
    Mono<String> explode() {
        return Mono.error(new IllegalStateException("select secret from identity.users where password_hash = 'x'"));
    }
}
