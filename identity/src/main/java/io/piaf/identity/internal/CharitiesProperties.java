package io.piaf.identity.internal;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code piaf.charities}: the verified charity accounts, created at start-up. */
@ConfigurationProperties("piaf")
record CharitiesProperties(List<Charity> charities) {

    record Charity(String handle, String displayName) {
    }

    List<Charity> charitiesOrNone() {
        return charities == null ? List.of() : charities;
    }
}
