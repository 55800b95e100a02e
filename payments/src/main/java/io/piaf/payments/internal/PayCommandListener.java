package io.piaf.payments.internal;

import java.time.Instant;

import org.springframework.stereotype.Component;

import io.piaf.common.ProblemException;
import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.UserId;
import io.piaf.messaging.DirectMessageSent;
import io.piaf.messaging.PostPublished;
import io.piaf.messaging.Visibility;
import io.piaf.outbox.Outbox;
import io.piaf.outbox.OutboxListener;
import io.piaf.payments.PaymentCommandRejected;
import io.piaf.payments.PaymentSource;
import io.piaf.payments.internal.domain.PayCommand;
import io.piaf.payments.internal.domain.PayCommandParser;
import reactor.core.publisher.Mono;

/**
 * Pay by post and in a direct message: a text holding a payment command becomes a PENDING_CONFIRMATION payment
 * whose payer is its author ({@code PaymentRequested} tells them, with the challenge); a command that cannot
 * become one is announced as {@code PaymentCommandRejected} with the API's problem code, so the author is told
 * why. A post or message makes at most one payment, however often its event is delivered.
 */
@Component
class PayCommandListener {

    private final PaymentRequests requests;
    private final Outbox outbox;

    PayCommandListener(PaymentRequests requests, Outbox outbox) {
        this.requests = requests;
        this.outbox = outbox;
    }

    @OutboxListener(id = "payments.PayByPost")
    Mono<Void> on(PostPublished post) {
        // A post's receipt is never more visible than the post itself.
        var requested = post.visibility() == Visibility.PUBLIC ? null : PaymentVisibility.FOLLOWERS;
        return handle(PayCommandParser.parse(post.text()), post.authorId(), post.authorHandle(), PaymentSource.POST,
                post.postId().toString(), null, requested);
    }

    /** In a direct message the payee defaults to the other participant, and the receipt is private. */
    @OutboxListener(id = "payments.PayInDirectMessage")
    Mono<Void> on(DirectMessageSent message) {
        return handle(PayCommandParser.parse(message.text()), message.senderId(), message.senderHandle(), PaymentSource.DM,
                message.messageId().toString(), message.recipientHandle(), PaymentVisibility.PRIVATE);
    }

    private Mono<Void> handle(PayCommand command, UserId author, String authorHandle, PaymentSource source,
            String sourceId, String defaultPayee, PaymentVisibility requested) {
        return switch (command) {
            case PayCommand.None none -> Mono.empty();
            case PayCommand.Invalid invalid -> reject(author, authorHandle, source, sourceId, invalid.code(), invalid.detail());
            case PayCommand.Parsed parsed -> {
                var payee = parsed.payeeHandle() != null ? parsed.payeeHandle() : defaultPayee;
                if (payee == null) {
                    yield reject(author, authorHandle, source, sourceId, "payee_missing",
                            "Name the payee after the amount, e.g. #envoyer 20€ @michel.");
                }
                var request = new PaymentRequests.NewPayment(author, payee, parsed.amount(), shorten(parsed.note()),
                        requested, parsed.donation(), source, sourceId);
                yield requests.request(request, row -> Mono.empty()).then()
                        .onErrorResume(ProblemException.class, p -> reject(author, authorHandle, source, sourceId, p.code(), p.detail()));
            }
        };
    }

    private Mono<Void> reject(UserId author, String authorHandle, PaymentSource source, String sourceId, String code, String detail) {
        return outbox.append(new PaymentCommandRejected(author, authorHandle, source, sourceId, code, detail, Instant.now()));
    }

    /** A note is what the text says besides the command; a long direct message is cut to the note's limit. */
    private static String shorten(String note) {
        if (note == null || note.codePointCount(0, note.length()) <= io.piaf.payments.internal.domain.Notes.MAX_LENGTH) {
            return note;
        }
        return note.substring(0, note.offsetByCodePoints(0, io.piaf.payments.internal.domain.Notes.MAX_LENGTH - 1)) + "…";
    }
}
