package io.piaf.unlocks.internal.domain;

import java.util.Map;

/**
 * Why a request is refused, in the terms of the API: its HTTP status, stable code, a sentence, and the extra members
 * of the problem. Plain Java: the web edge turns it into problem+json.
 */
public record Refusal(int status, String code, String detail, Map<String, Object> properties) {

    public Refusal(int status, String code, String detail) {
        this(status, code, detail, Map.of());
    }
}
