package io.piaf.notifications.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.piaf.crypto.CryptoCommandRejected;
import io.piaf.crypto.CryptoKeyExported;
import io.piaf.crypto.CryptoTransactionConfirmed;
import io.piaf.crypto.CryptoTransactionFailed;
import io.piaf.crypto.CryptoTransferRequested;
import io.piaf.crypto.TokenAmount;
import io.piaf.outbox.EventContext;
import io.piaf.outbox.OutboxListener;
import reactor.core.publisher.Mono;

/**
 * What crypto's events mean to their users. Token amounts are decimal strings with {@code token} and
 * {@code decimals}; {@code transactionId} opens the crypto transaction.
 */
@Component
class CryptoNotifications {

    private final Notifier notifier;

    CryptoNotifications(Notifier notifier) {
        this.notifier = notifier;
    }

    /** {@code crypto_transfer_requested}, to the sender: confirm with the PIN. */
    @OutboxListener(id = "notifications.CryptoTransferRequested")
    Mono<Void> on(CryptoTransferRequested event, EventContext context) {
        var data = amount(event.transferId().toString(), event.amount());
        data.put("sender", Map.of("id", event.senderId().toString(), "handle", event.senderHandle()));
        if (event.payeeId() != null) {
            data.put("payee", Map.of("id", event.payeeId().toString(), "handle", event.payeeHandle()));
        }
        data.put("to", event.toAddress());
        data.put("challenge", event.challenge());
        data.put("expiresAt", event.expiresAt().toString());
        data.put("source", event.source().name());
        data.put("sourceId", event.sourceId());
        return notifier.notify(event.senderId(), "crypto_transfer_requested", data, context.eventId());
    }

    /** {@code crypto_rejected}: a token command in a post or message that made no transfer. */
    @OutboxListener(id = "notifications.CryptoCommandRejected")
    Mono<Void> on(CryptoCommandRejected event, EventContext context) {
        var data = new LinkedHashMap<String, Object>();
        data.put("code", event.code());
        data.put("detail", event.detail());
        data.put("source", event.source().name());
        data.put("sourceId", event.sourceId());
        return notifier.notify(event.authorId(), "crypto_rejected", data, context.eventId());
    }

    /** {@code crypto_confirmed}: a buy, sell, transfer sent or received is final on chain. */
    @OutboxListener(id = "notifications.CryptoTransactionConfirmed")
    Mono<Void> on(CryptoTransactionConfirmed event, EventContext context) {
        var data = amount(event.id().toString(), event.amount());
        data.put("kind", event.kind().name());
        data.put("direction", event.incoming() ? "IN" : "OUT");
        data.put("counterparty", event.counterpartyHandle());
        data.put("txHash", event.txHash());
        return notifier.notify(event.userId(), "crypto_confirmed", data, context.eventId());
    }

    /** {@code crypto_failed}: an operation ended without effect (a failed buy is refunded). */
    @OutboxListener(id = "notifications.CryptoTransactionFailed")
    Mono<Void> on(CryptoTransactionFailed event, EventContext context) {
        var data = amount(event.id().toString(), event.amount());
        data.put("kind", event.kind().name());
        data.put("status", event.status());
        data.put("reason", event.reason());
        return notifier.notify(event.userId(), "crypto_failed", data, context.eventId());
    }

    /** {@code crypto_key_exported}: a security notice, in case it was not the user. */
    @OutboxListener(id = "notifications.CryptoKeyExported")
    Mono<Void> on(CryptoKeyExported event, EventContext context) {
        return notifier.notify(event.userId(), "crypto_key_exported", Map.of("address", event.address()), context.eventId());
    }

    private static LinkedHashMap<String, Object> amount(String id, TokenAmount amount) {
        var data = new LinkedHashMap<String, Object>();
        data.put("transactionId", id);
        data.put("token", amount.token());
        data.put("amount", amount.decimal());
        data.put("decimals", amount.decimals());
        return data;
    }
}
