package io.piaf.messaging.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.common.ProblemException;
import io.piaf.identity.Identity;
import io.piaf.identity.UserId;
import io.piaf.messaging.Mention;
import io.piaf.messaging.PostId;
import io.piaf.messaging.PostDeleted;
import io.piaf.messaging.PostPublished;
import io.piaf.messaging.PublishedPost;
import io.piaf.messaging.UsersMentioned;
import io.piaf.messaging.Visibility;
import io.piaf.messaging.internal.domain.PostText;
import io.piaf.messaging.internal.domain.PostVisibility;
import io.piaf.outbox.Outbox;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/** Publishing and reading posts; home timelines and profile pages are pages of items. */
@Service
class PostService {

    static final String ITEM_CURSOR = "i";

    private final ItemStore items;
    private final FollowStore follows;
    private final Identity identity;
    private final Outbox outbox;
    private final JsonMapper json;
    private final TransactionalOperator transactional;

    PostService(ItemStore items, FollowStore follows, Identity identity, Outbox outbox, JsonMapper json,
            ReactiveTransactionManager transactions) {
        this.items = items;
        this.follows = follows;
        this.identity = identity;
        this.outbox = outbox;
        this.json = json;
        this.transactional = TransactionalOperator.create(transactions);
    }

    /** Checks everything first, then writes the post, its fan-out and its event in one transaction. */
    Mono<RawValue> publish(UserId caller, String textInput, String visibilityInput) {
        var text = PostText.post(textInput);
        var visibility = PostVisibility.parse(visibilityInput);
        return write(caller, text, visibility)
                .flatMap(published -> items.post(published.postId().value(), caller))
                .map(row -> new RawValue(row.json()));
    }

    /**
     * A post published on the author's request made through another module: it joins the caller's transaction (the
     * caller's rows and the post commit together), and tells how many followers the author had then.
     */
    Mono<PublishedPost> publishFor(UserId author, String textInput) {
        var text = PostText.post(textInput);
        return transactional.transactional(write(author, text, Visibility.PUBLIC).flatMap(published -> follows.followers(author)
                .map(audience -> new PublishedPost(published.postId(), published.text(), published.publishedAt(), audience))));
    }

    private Mono<PostPublished> write(UserId caller, PostText text, Visibility visibility) {
        return Mono.zip(Users.caller(identity, caller), identity.findByHandles(text.handles())).flatMap(found -> {
            var author = found.getT1();
            var known = found.getT2();
            var mentions = new ArrayList<Mention>();
            for (var handle : text.handles()) {
                var user = known.get(handle);
                if (user != null) {
                    mentions.add(new Mention(user.id(), user.handle()));
                }
            }
            var id = UUID.randomUUID();
            var at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            var mentionsJson = json.writeValueAsString(mentions.stream()
                    .map(m -> Map.of("id", m.userId().toString(), "handle", m.handle())).toList());
            var item = new ItemStore.NewItem(id, ItemRow.POST, caller, author.handle(), author.displayName(),
                    List.of(caller), visibility, text.text(), mentionsJson, text.tags(), null, null, at);
            var event = new PostPublished(new PostId(id), caller, author.handle(), text.text(), List.copyOf(mentions),
                    text.tags(), visibility, at);
            return transactional.transactional(items.insertAll(List.of(item)).then(outbox.append(event))
                    .then(mentioned(event))).thenReturn(event);
        });
    }

    /**
     * {@link UsersMentioned} for the mentioned users who may read the post, decided in the post's transaction (the
     * post row is there to be asked about): a listener needs no call back into messaging to know who may see it.
     */
    private Mono<Void> mentioned(PostPublished post) {
        var candidates = post.mentions().stream().filter(m -> !m.userId().equals(post.authorId())).distinct().toList();
        if (candidates.isEmpty()) {
            return Mono.empty();
        }
        return items.readersAmong(post.postId().value(), candidates.stream().map(Mention::userId).toList())
                .collect(java.util.stream.Collectors.toSet())
                .flatMap(readers -> outbox.append(new UsersMentioned(post.postId(), post.authorId(), post.authorHandle(),
                        post.text(), candidates.stream().filter(m -> readers.contains(m.userId())).toList(), post.publishedAt())));
    }

    /** The author deletes a post: it leaves every timeline, with its event, in one transaction; 404 for anyone else. */
    Mono<Void> delete(UserId caller, String idInput) {
        UUID id;
        try {
            id = UUID.fromString(idInput);
        } catch (IllegalArgumentException e) {
            return Mono.error(notFound());
        }
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return transactional.transactional(items.deletePost(id, caller)
                .flatMap(publishedAt -> outbox.append(new PostDeleted(new PostId(id), caller, publishedAt, now)).thenReturn(true))
                .switchIfEmpty(Mono.error(PostService::notFound)))
                .then();
    }

    /** A post the reader may see; 404 otherwise, whether it exists or not. */
    Mono<RawValue> get(UserId reader, String idInput) {
        UUID id;
        try {
            id = UUID.fromString(idInput);
        } catch (IllegalArgumentException e) {
            return Mono.error(notFound());
        }
        return items.post(id, reader).map(row -> new RawValue(row.json()))
                .switchIfEmpty(Mono.error(PostService::notFound));
    }

    Mono<Page<RawValue>> home(UserId reader, Integer limitInput, String cursor) {
        var limit = Page.limit(limitInput);
        var before = Page.beforeSeq(ITEM_CURSOR, cursor);
        return page(items.timeline(reader, before, limit + 1).collectList(), limit);
    }

    /** The items of a user's profile the reader may see. */
    Mono<Page<RawValue>> byAuthor(UserId reader, String handle, Integer limitInput, String cursor) {
        var limit = Page.limit(limitInput);
        var before = Page.beforeSeq(ITEM_CURSOR, cursor);
        return Users.byHandle(identity, handle)
                .flatMap(author -> page(items.byAuthor(author.id(), reader, before, limit + 1).collectList(), limit));
    }

    /** Items are JSON rendered by the database: they go out as they are. */
    private static Mono<Page<RawValue>> page(Mono<List<ItemRow>> rows, int limit) {
        return rows.map(list -> {
            var more = list.size() > limit;
            var shown = more ? list.subList(0, limit) : list;
            var rendered = new ArrayList<RawValue>(shown.size());
            for (var row : shown) {
                rendered.add(new RawValue(row.json()));
            }
            return new Page<>(rendered, more ? Page.seqCursor(ITEM_CURSOR, shown.get(shown.size() - 1).seq()) : null);
        });
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("post_not_found", "No such post, or it is not visible to you.");
    }
}
