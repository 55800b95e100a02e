package io.piaf.crypto;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;
import io.piaf.payments.PaymentSource;

/** A token command in a post or message that made no transfer; {@code code} is the API's problem code. */
@EventVersion(1)
@Externalized(value = "crypto", key = "/authorId")
public record CryptoCommandRejected(UserId authorId, String authorHandle, PaymentSource source, String sourceId,
        String code, String detail, Instant at) {
}
