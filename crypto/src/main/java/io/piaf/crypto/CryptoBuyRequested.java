package io.piaf.crypto;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.identity.UserId;
import io.piaf.payments.Money;

/** The first step of a buy committed: {@code paid} left the user's EUR wallet; {@code amount} is to be minted to them. */
@EventVersion(1)
public record CryptoBuyRequested(CryptoTransactionId buyId, UserId userId, Money paid, TokenAmount amount, Instant at) {
}
