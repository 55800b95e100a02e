package io.piaf.crypto.internal;

import java.time.Instant;

import org.springframework.stereotype.Component;

import io.piaf.common.ProblemException;
import io.piaf.crypto.CryptoCommandRejected;
import io.piaf.crypto.internal.domain.TokenCommand;
import io.piaf.crypto.internal.domain.TokenCommandParser;
import io.piaf.identity.UserId;
import io.piaf.messaging.DirectMessageSent;
import io.piaf.messaging.PostPublished;
import io.piaf.outbox.Outbox;
import io.piaf.outbox.OutboxListener;
import io.piaf.payments.PaymentSource;
import reactor.core.publisher.Mono;

/**
 * Pay by post in tokens: {@code #envoyer 5 EURP @bob} in a post or a direct message becomes a transfer waiting for
 * the author's PIN, exactly as a euro command becomes a payment (payments' parser leaves token commands alone). A
 * command that cannot become one is announced with its problem code. One transfer per post or message however often
 * its event comes.
 */
@Component
class TokenPayByPost {

    private final Transfers transfers;
    private final Outbox outbox;

    TokenPayByPost(Transfers transfers, Outbox outbox) {
        this.transfers = transfers;
        this.outbox = outbox;
    }

    @OutboxListener(id = "crypto.TokenPayByPost")
    Mono<Void> on(PostPublished post) {
        return handle(post.text(), post.authorId(), post.authorHandle(), PaymentSource.POST, post.postId().toString(), null);
    }

    @OutboxListener(id = "crypto.TokenPayInDirectMessage")
    Mono<Void> on(DirectMessageSent message) {
        return handle(message.text(), message.senderId(), message.senderHandle(), PaymentSource.DM, message.messageId().toString(),
                message.recipientHandle());
    }

    private Mono<Void> handle(String text, UserId author, String handle, PaymentSource source, String sourceId, String defaultPayee) {
        return switch (TokenCommandParser.parse(text, Token.decimalsBySymbol())) {
            case TokenCommand.None none -> Mono.empty();
            case TokenCommand.Invalid invalid -> reject(author, handle, source, sourceId, invalid.code(), invalid.detail());
            case TokenCommand.Parsed parsed -> {
                var payee = parsed.payeeHandle() != null ? parsed.payeeHandle() : defaultPayee;
                if (payee == null) {
                    yield reject(author, handle, source, sourceId, "payee_missing", "Name the payee after the amount, e.g. #envoyer 5 EURP @bob.");
                }
                var note = parsed.note() != null && parsed.note().length() > 280 ? parsed.note().substring(0, 279) + "…" : parsed.note();
                yield transfers.request(new Transfers.NewTransfer(author, "@" + payee, parsed.amount(), note, source, sourceId), op -> Mono.empty())
                        .then()
                        .onErrorResume(ProblemException.class, p -> reject(author, handle, source, sourceId, p.code(), p.detail()));
            }
        };
    }

    private Mono<Void> reject(UserId author, String handle, PaymentSource source, String sourceId, String code, String detail) {
        return outbox.append(new CryptoCommandRejected(author, handle, source, sourceId, code, detail, Instant.now()));
    }
}
