package io.piaf.messaging.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.common.ProblemException;
import io.piaf.identity.Identity;
import io.piaf.identity.UserId;
import io.piaf.identity.UserSummary;
import io.piaf.messaging.ConversationId;
import io.piaf.messaging.DirectMessageSent;
import io.piaf.messaging.MessageId;
import io.piaf.messaging.internal.domain.PostText;
import io.piaf.outbox.Outbox;
import reactor.core.publisher.Mono;

/**
 * Direct messages. A conversation is addressed by the other person's handle, relative to the caller, so nobody can
 * even name a conversation they are not in.
 */
@Service
class ConversationService {

    private static final String MESSAGE_CURSOR = "m";
    private static final String INBOX_CURSOR = "c";

    private final ConversationStore conversations;
    private final Identity identity;
    private final Outbox outbox;
    private final MessagingProperties properties;
    private final TransactionalOperator transactional;

    ConversationService(ConversationStore conversations, Identity identity, Outbox outbox,
            MessagingProperties properties, ReactiveTransactionManager transactions) {
        this.conversations = conversations;
        this.identity = identity;
        this.outbox = outbox;
        this.properties = properties;
        this.transactional = TransactionalOperator.create(transactions);
    }

    Mono<Map<String, Object>> send(UserId caller, String handle, String textInput) {
        var text = PostText.parse(textInput, properties.messageMaxLength());
        return other(caller, handle).zipWith(Users.caller(identity, caller)).flatMap(users -> {
            var recipient = users.getT1();
            var sender = users.getT2();
            var messageId = UUID.randomUUID();
            var at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return transactional.transactional(conversations.send(caller, recipient.id(), messageId, text.text(), at)
                    .flatMap(sent -> outbox.append(new DirectMessageSent(new MessageId(messageId),
                            new ConversationId(sent.conversationId()), caller, sender.handle(), recipient.id(),
                            recipient.handle(), text.text(), at)).thenReturn(sent)))
                    .map(sent -> {
                        var view = message(new ConversationStore.Message(sent.seq(), messageId, caller.value(), text.text(), at),
                                Map.of(caller.value(), sender, recipient.id().value(), recipient));
                        view.put("conversationId", sent.conversationId().toString());
                        view.put("to", Users.brief(recipient));
                        return view;
                    });
        });
    }

    /** The thread with the user {@code handle}, newest first; empty when they never wrote to each other. */
    Mono<Page<Map<String, Object>>> thread(UserId caller, String handle, Integer limitInput, String cursor) {
        var limit = Page.limit(limitInput);
        var before = Page.beforeSeq(MESSAGE_CURSOR, cursor);
        return other(caller, handle).zipWith(Users.caller(identity, caller)).flatMap(users -> {
            var people = Map.of(caller.value(), users.getT2(), users.getT1().id().value(), users.getT1());
            return conversations.thread(caller, users.getT1().id(), before, limit + 1).collectList().map(messages -> {
                var more = messages.size() > limit;
                var shown = more ? messages.subList(0, limit) : messages;
                var items = new ArrayList<Map<String, Object>>(shown.size());
                shown.forEach(m -> items.add(message(m, people)));
                return new Page<>(List.copyOf(items), more ? Page.seqCursor(MESSAGE_CURSOR, shown.get(shown.size() - 1).seq()) : null);
            });
        });
    }

    /** The caller's conversations, the most recently active first. */
    Mono<Page<Map<String, Object>>> inbox(UserId caller, Integer limitInput, String cursor) {
        var limit = Page.limit(limitInput);
        var before = Page.beforeSeq(INBOX_CURSOR, cursor);
        return conversations.inbox(caller, before, limit + 1).collectList().flatMap(rows -> {
            var more = rows.size() > limit;
            var shown = more ? rows.subList(0, limit) : rows;
            var ids = new ArrayList<UserId>();
            ids.add(caller);
            shown.forEach(r -> ids.add(new UserId(r.other())));
            return identity.findAll(ids).map(found -> {
                var people = new java.util.HashMap<UUID, UserSummary>();
                found.forEach((id, user) -> people.put(id.value(), user));
                var items = new ArrayList<Map<String, Object>>(shown.size());
                for (var row : shown) {
                    var other = people.get(row.other());
                    if (other == null) {
                        continue;
                    }
                    var view = new LinkedHashMap<String, Object>();
                    view.put("id", row.id().toString());
                    view.put("with", Users.brief(other));
                    view.put("lastMessage", message(row.last(), people));
                    items.add(view);
                }
                return new Page<>(List.copyOf(items), more ? Page.seqCursor(INBOX_CURSOR, shown.get(shown.size() - 1).lastSeq()) : null);
            });
        });
    }

    private Mono<UserSummary> other(UserId caller, String handle) {
        return Users.byHandle(identity, handle).flatMap(user -> user.id().equals(caller)
                ? Mono.error(ProblemException.badRequest("self_message", "You cannot write to yourself."))
                : Mono.just(user));
    }

    private static Map<String, Object> message(ConversationStore.Message message, Map<UUID, UserSummary> people) {
        var view = new LinkedHashMap<String, Object>();
        view.put("id", message.id().toString());
        var sender = people.get(message.senderId());
        view.put("from", sender == null ? Map.of("id", message.senderId().toString()) : Users.brief(sender));
        view.put("text", message.text());
        view.put("sentAt", message.sentAt());
        return view;
    }
}
