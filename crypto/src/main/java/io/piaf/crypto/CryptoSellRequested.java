package io.piaf.crypto;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.identity.UserId;
import io.piaf.payments.Money;

/** A sell was asked: {@code amount} is to be burnt from the user's account, then {@code proceeds} credited in euros. */
@EventVersion(1)
public record CryptoSellRequested(CryptoTransactionId sellId, UserId userId, TokenAmount amount, Money proceeds, Instant at) {
}
