package io.piaf.identity;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** What a client's owner may see of it: its scopes and its secrets (their last characters only), newest first. */
public record ClientDescription(ClientId clientId, Set<String> scopes, List<Secret> secrets) {

    public ClientDescription {
        scopes = Set.copyOf(scopes);
        secrets = List.copyOf(secrets);
    }

    /** @param expiresAt null while the secret is current; a rotated or revoked one stops working then */
    public record Secret(String hint, Instant createdAt, Instant expiresAt) {
    }
}
