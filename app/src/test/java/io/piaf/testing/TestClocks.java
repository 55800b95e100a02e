package io.piaf.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the application's {@code Clock} (read by savings) with one the tests move forward. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClocks {

    @Bean
    @Primary
    public MovableClock movableClock() {
        return new MovableClock();
    }
}
