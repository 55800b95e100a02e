package io.piaf.messaging.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.identity.Identity;
import io.piaf.identity.UserId;
import io.piaf.messaging.Messaging;
import io.piaf.messaging.PostAnnotation;
import io.piaf.messaging.PublishedPost;
import io.piaf.messaging.TimelineItem;
import io.piaf.platform.logging.RequestLogs;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * What other modules ask of messaging. Writes join the caller's transaction when there is one (payments publishes
 * a receipt from the listener that reacts to a completed payment), or run in their own.
 */
@Service
class MessagingFacade implements Messaging {

    private static final Logger log = LoggerFactory.getLogger(MessagingFacade.class);
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Pattern KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,39}");
    private static final int ITEM_TEXT_MAX = 1000;
    /** Members every item has (ItemStore.VIEW); an annotation may not take one of these names. */
    static final java.util.Set<String> RESERVED = java.util.Set.of("kind", "id", "author", "text", "visibility",
            "createdAt", "mentions", "tags", "parties", "details");

    private final ItemStore items;
    private final PostService posts;
    private final Identity identity;
    private final JsonMapper json;
    private final TransactionalOperator transactional;

    MessagingFacade(ItemStore items, PostService posts, Identity identity, JsonMapper json, ReactiveTransactionManager transactions) {
        this.items = items;
        this.posts = posts;
        this.identity = identity;
        this.json = json;
        this.transactional = TransactionalOperator.create(transactions);
    }

    @Override
    public Mono<Void> publishAll(List<TimelineItem> items) {
        if (items.isEmpty()) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> items.stream().map(MessagingFacade::members).toList())
                .flatMap(members -> identity.findAll(members.stream().flatMap(List::stream).distinct().toList()).flatMap(users -> {
                    var rows = new ArrayList<ItemStore.NewItem>();
                    for (var i = 0; i < items.size(); i++) {
                        var item = items.get(i);
                        var actor = users.get(item.actor());
                        if (actor == null) {
                            return Mono.error(new IllegalArgumentException("Unknown actor " + item.actor() + " of item " + item.id()));
                        }
                        var parties = new ArrayList<Map<String, Object>>();
                        for (var member : members.get(i)) {
                            var user = users.get(member);
                            if (user != null) {
                                parties.add(Users.brief(user));
                            }
                        }
                        var details = item.partyDetails() == null || item.partyDetails().isEmpty() ? null
                                : json.writeValueAsString(item.partyDetails());
                        var at = (item.at() == null ? Instant.now() : item.at()).truncatedTo(ChronoUnit.MICROS);
                        rows.add(new ItemStore.NewItem(item.id(), item.kind(), item.actor(), actor.handle(),
                                actor.displayName(), members.get(i), item.visibility(), item.text(), "[]", List.of(),
                                json.writeValueAsString(parties), details, at));
                    }
                    return this.items.insertAll(rows);
                }))
                .as(transactional::transactional)
                .then();
    }

    private static List<UserId> members(TimelineItem item) {
        if (item.id() == null || item.actor() == null || item.visibility() == null || item.kind() == null) {
            throw new IllegalArgumentException("A timeline item needs an id, a kind, an actor and a visibility");
        }
        if (!KIND.matcher(item.kind()).matches() || ItemRow.POST.equals(item.kind())) {
            throw new IllegalArgumentException("An item's kind is lower_snake_case and not 'post': " + item.kind());
        }
        if (item.text() == null || item.text().isBlank() || item.text().codePointCount(0, item.text().length()) > ITEM_TEXT_MAX) {
            throw new IllegalArgumentException("An item's text is 1 to " + ITEM_TEXT_MAX + " characters");
        }
        var members = new LinkedHashSet<UserId>();
        members.add(item.actor());
        if (item.parties() != null) {
            item.parties().stream().sorted(java.util.Comparator.comparing(UserId::toString)).forEach(members::add);
        }
        return List.copyOf(members);
    }

    @Override
    public Mono<PublishedPost> publishPost(UserId author, String text) {
        return Mono.defer(() -> posts.publishFor(author, text));
    }

    @Override
    public Mono<Void> annotatePosts(List<PostAnnotation> annotations) {
        for (var a : annotations) {
            if (a.post() == null || a.key() == null || !KEY.matcher(a.key()).matches() || RESERVED.contains(a.key()) || a.value() == null) {
                return Mono.error(new IllegalArgumentException("An annotation needs a post, a name (letters, digits, _; not "
                        + RESERVED + ") and a value"));
            }
        }
        if (annotations.isEmpty()) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> annotations.stream()
                        .map(a -> new ItemStore.Annotation(a.post().value(), a.key(), json.writeValueAsString(a.value()))).toList())
                .flatMap(items::annotateAll)
                .flatMap(found -> found < annotations.size()
                        ? RequestLogs.traced(() -> log.warn("{} of {} annotations not attached: their post does not exist",
                                annotations.size() - found, annotations.size()))
                        : Mono.<Void>empty());
    }
}
