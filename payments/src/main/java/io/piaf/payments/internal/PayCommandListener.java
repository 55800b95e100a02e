package io.piaf.payments.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.UserId;
import io.piaf.messaging.DirectMessageSent;
import io.piaf.messaging.PostPublished;
import io.piaf.messaging.Visibility;
import io.piaf.outbox.Delivered;
import io.piaf.outbox.Outbox;
import io.piaf.outbox.OutboxListener;
import io.piaf.payments.Party;
import io.piaf.payments.PaymentCommandRejected;
import io.piaf.payments.PaymentSource;
import io.piaf.payments.internal.domain.Notes;
import io.piaf.payments.internal.domain.PayCommand;
import io.piaf.payments.internal.domain.PayCommandParser;
import reactor.core.publisher.Mono;

/**
 * Pay by post and in a direct message: a text holding a payment command becomes a PENDING_CONFIRMATION payment
 * whose payer is its author ({@code PaymentRequested} tells them, with the challenge); a command that cannot
 * become one is announced as {@code PaymentCommandRejected} with the API's problem code, so the author is told
 * why. A post or message makes at most one payment, however often its event is delivered. A relay batch of posts
 * becomes its payments together (one insert, one outbox write).
 */
@Component
class PayCommandListener {

    /** A text that may hold a command, and what its payment would be like. */
    private record Text(String text, UserId author, String authorHandle, PaymentSource source, String sourceId,
            String defaultPayee, PaymentVisibility requestedVisibility) {
    }

    private final PaymentRequests requests;
    private final Outbox outbox;

    PayCommandListener(PaymentRequests requests, Outbox outbox) {
        this.requests = requests;
        this.outbox = outbox;
    }

    @OutboxListener(id = "payments.PayByPost")
    Mono<Void> onPosts(List<Delivered<PostPublished>> batch) {
        // A post's receipt is never more visible than the post itself.
        return handle(batch.stream().map(d -> d.event()).map(post -> new Text(post.text(), post.authorId(), post.authorHandle(),
                PaymentSource.POST, post.postId().toString(), null,
                post.visibility() == Visibility.PUBLIC ? null : PaymentVisibility.FOLLOWERS)).toList());
    }

    /** In a direct message the payee defaults to the other participant, and the receipt is private. */
    @OutboxListener(id = "payments.PayInDirectMessage")
    Mono<Void> onMessages(List<Delivered<DirectMessageSent>> batch) {
        return handle(batch.stream().map(d -> d.event()).map(message -> new Text(message.text(), message.senderId(),
                message.senderHandle(), PaymentSource.DM, message.messageId().toString(), message.recipientHandle(),
                PaymentVisibility.PRIVATE)).toList());
    }

    private Mono<Void> handle(List<Text> texts) {
        var rejections = new ArrayList<Object>();
        var commands = new ArrayList<PaymentRequests.NewPayment>();
        var commanded = new ArrayList<Text>();
        for (var text : texts) {
            switch (PayCommandParser.parse(text.text())) {
                case PayCommand.None none -> { }
                case PayCommand.Invalid invalid -> rejections.add(rejection(text, invalid.code(), invalid.detail()));
                case PayCommand.Parsed parsed -> {
                    var payee = parsed.payeeHandle() != null ? parsed.payeeHandle() : text.defaultPayee();
                    if (payee == null) {
                        rejections.add(rejection(text, "payee_missing", "Name the payee after the amount, e.g. #envoyer 20€ @michel."));
                    } else {
                        commands.add(new PaymentRequests.NewPayment(text.author(), payee, parsed.amount(), shorten(parsed.note()),
                                text.requestedVisibility(), parsed.donation(), text.source(), text.sourceId()));
                        commanded.add(text);
                    }
                }
            }
        }
        var requested = commands.isEmpty() ? Mono.just(List.<PaymentRequests.Outcome>of()) : requests.requestAll(commands);
        return requested.flatMap(outcomes -> {
            for (var i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i) instanceof PaymentRequests.Outcome.Refused refused) {
                    var problem = PaymentProblems.of(refused.why());
                    rejections.add(rejection(commanded.get(i), problem.code(), problem.detail()));
                }
            }
            return outbox.appendAll(rejections);
        });
    }

    private static PaymentCommandRejected rejection(Text text, String code, String detail) {
        return new PaymentCommandRejected(new Party(text.author(), text.authorHandle()), text.source(), text.sourceId(),
                code, detail, Instant.now());
    }

    /** A note is what the text says besides the command; a long direct message is cut to the note's limit. */
    private static String shorten(String note) {
        if (note == null || note.codePointCount(0, note.length()) <= Notes.MAX_LENGTH) {
            return note;
        }
        return note.substring(0, note.offsetByCodePoints(0, Notes.MAX_LENGTH - 1)) + "…";
    }
}
