package io.piaf.identity.internal.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import io.piaf.common.ProblemException;

/**
 * What a password may be (NIST SP 800-63B: a minimum length and a check against known-compromised values rather
 * than composition rules): 8 to 128 characters, not one of the most common passwords (a bundled list, see
 * {@code identity/common-passwords.txt}), and not the handle itself. Plain Java.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private final Set<String> common;

    public PasswordPolicy(Set<String> common) {
        this.common = Set.copyOf(common);
    }

    /** The policy with the bundled list of common passwords. */
    public static PasswordPolicy bundled() {
        var stream = PasswordPolicy.class.getResourceAsStream("/identity/common-passwords.txt");
        if (stream == null) {
            throw new IllegalStateException("identity/common-passwords.txt is missing from the class path");
        }
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            var words = new HashSet<String>();
            reader.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> words.add(l.strip()));
            return new PasswordPolicy(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void require(String password, String handle) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw weak("A password is 8 to 128 characters.");
        }
        var folded = password.toLowerCase(Locale.ROOT);
        if (common.contains(folded)) {
            throw weak("This password is one of the most common ones, tried first by attackers: choose another.");
        }
        if (handle != null && folded.equals(handle.toLowerCase(Locale.ROOT))) {
            throw weak("A password cannot be the handle.");
        }
    }

    private static ProblemException weak(String detail) {
        return ProblemException.badRequest("weak_password", detail);
    }
}
