package io.piaf.notifications.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.common.Cursor;
import io.piaf.common.ProblemException;
import io.piaf.common.ApiFormats;
import io.piaf.common.ProblemResponse;
import io.piaf.identity.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Notifications")
class NotificationController {

    private static final String CURSOR = "n";

    record NotificationPage(
            @ArraySchema(maxItems = ApiFormats.PAGE_MAX, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED),
                    schema = @Schema(implementation = NotificationSchemas.Notification.class)) List<Map<String, Object>> items,
            @Schema(pattern = ApiFormats.CURSOR, maxLength = ApiFormats.CURSOR_MAX, description = "Absent on the last page") String nextCursor,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "9223372036854775807") long unreadCount) {
    }

    /** Either or both: the ids to mark read, and/or every notification up to and including {@code upTo}. */
    @Schema(description = "The notifications to mark read: by id, and/or every one up to and including `upTo`; at least one")
    record MarkRead(
            @ArraySchema(maxItems = 500, schema = @Schema(pattern = "^[1-9][0-9]{0,18}$", maxLength = 19)) List<String> ids,
            @Schema(pattern = "^[1-9][0-9]{0,18}$", maxLength = 19) String upTo) {
    }

    record Unread(@Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "9223372036854775807") long unreadCount) {
    }

    private final NotificationStore store;
    private final NotificationStream stream;

    NotificationController(NotificationStore store, NotificationStream stream) {
        this.store = store;
        this.stream = stream;
    }

    @GetMapping(path = "/api/notifications", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List your notifications, newest first, with how many are unread")
    Mono<NotificationPage> list(@AuthenticationPrincipal Jwt jwt, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var user = UserId.fromSubject(jwt.getSubject());
        var size = Cursor.limit(limit, 20, 100);
        var before = before(cursor);
        return Mono.zip(store.page(user, before, size + 1).collectList(), store.unreadCount(user)).map(found -> {
            var rows = found.getT1();
            var more = rows.size() > size;
            var shown = more ? rows.subList(0, size) : rows;
            var items = new ArrayList<Map<String, Object>>(shown.size());
            shown.forEach(row -> items.add(NotificationViews.render(row)));
            var next = more ? Cursor.encode(CURSOR, shown.get(shown.size() - 1).seq()) : null;
            return new NotificationPage(items, next, found.getT2());
        });
    }

    @PostMapping(path = "/api/notifications/read", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Mark notifications read")
    @ProblemResponse(status = 400, codes = { "nothing_to_mark", "too_many_ids", "invalid_notification_id" })
    Mono<Unread> markRead(@AuthenticationPrincipal Jwt jwt, @RequestBody MarkRead request) {
        var user = UserId.fromSubject(jwt.getSubject());
        var ids = request.ids() == null ? new long[0] : request.ids().stream().mapToLong(NotificationController::id).toArray();
        var upTo = request.upTo() == null ? null : id(request.upTo());
        if (ids.length == 0 && upTo == null) {
            throw ProblemException.badRequest("nothing_to_mark", "Give the ids to mark read, or upTo.");
        }
        if (ids.length > 500) {
            throw ProblemException.badRequest("too_many_ids", "At most 500 ids at a time; use upTo for more.");
        }
        return store.markRead(user, ids, upTo).then(store.unreadCount(user)).map(Unread::new);
    }

    @GetMapping(path = "/api/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Receive your notifications live (server-sent events)",
            description = """
                    First a `: connected` comment with `retry: 2000`; then each notification as `event: notification`, \
                    `id: <notification id>`, `data: <a Notification>`, oldest first; a `: heartbeat` comment every 15 s. \
                    With Last-Event-ID, everything after that id first. It ends when the token expires.""",
            responses = @ApiResponse(responseCode = "200", description = "An event stream whose events' data are notifications",
                    content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema = @Schema(implementation = NotificationSchemas.Notification.class))))
    @ProblemResponse(status = 400, codes = "invalid_last_event_id")
    Flux<ServerSentEvent<Object>> stream(@AuthenticationPrincipal Jwt jwt,
            @Parameter(description = "The id of the last notification received, to resume after it",
                    schema = @Schema(pattern = "^[0-9]{1,19}$", maxLength = 19))
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return stream.open(UserId.fromSubject(jwt.getSubject()), lastEventId, jwt.getExpiresAt());
    }

    private static long before(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return Long.MAX_VALUE;
        }
        var parts = Cursor.decode(cursor, 2);
        try {
            if (!parts.get(0).equals(CURSOR)) {
                throw Cursor.invalid();
            }
            return Long.parseLong(parts.get(1));
        } catch (NumberFormatException e) {
            throw Cursor.invalid();
        }
    }

    private static long id(String value) {
        try {
            var id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // falls through to the problem
        }
        throw ProblemException.badRequest("invalid_notification_id", "Notification ids are the ids this API returned.");
    }
}
