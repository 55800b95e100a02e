package io.piaf.crypto;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;

/**
 * A user took a copy of their custodial account's private key (after the PIN). The key itself is never in an event;
 * this one exists so that the user is told, as for any sign-in or card reveal, in case it was not them.
 */
@EventVersion(1)
@Externalized(value = "crypto", key = "/userId")
public record CryptoKeyExported(UserId userId, String address, Instant at) {
}
