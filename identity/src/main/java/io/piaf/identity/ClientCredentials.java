package io.piaf.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * A client's id and a secret just made for it: the only moment the secret exists outside the client (identity keeps
 * its hash). Never logged.
 *
 * @param previousSecretsExpireAt when the secrets made before this one stop working (now, or after the overlap of a
 *        rotation); null for a new client
 */
public record ClientCredentials(ClientId clientId, String secret, Instant previousSecretsExpireAt) {

    public ClientCredentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "ClientCredentials[" + clientId + ", secret ****]";
    }
}
