package io.piaf.messaging.internal.domain;

import java.util.Locale;

import io.piaf.common.ProblemException;
import io.piaf.messaging.Visibility;

/** What a client may ask for a post: PUBLIC (the default) or FOLLOWERS. PRIVATE is for items, not posts. */
public final class PostVisibility {

    private PostVisibility() {
    }

    public static Visibility parse(String input) {
        if (input == null || input.isBlank()) {
            return Visibility.PUBLIC;
        }
        return switch (input.strip().toUpperCase(Locale.ROOT)) {
            case "PUBLIC" -> Visibility.PUBLIC;
            case "FOLLOWERS" -> Visibility.FOLLOWERS;
            default -> throw ProblemException.badRequest("invalid_visibility", "A post's visibility is PUBLIC or FOLLOWERS.");
        };
    }
}
