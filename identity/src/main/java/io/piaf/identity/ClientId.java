package io.piaf.identity;

import java.util.Objects;
import java.util.regex.Pattern;

/** An OAuth 2.0 client's id, e.g. {@code cl_…} followed by 26 base32 characters: public, not a secret. */
public record ClientId(String value) {

    private static final Pattern FORMAT = Pattern.compile("cl_[a-z2-7]{26}");

    public ClientId {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("Not a client id: " + value);
        }
    }

    public static boolean isWellFormed(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
