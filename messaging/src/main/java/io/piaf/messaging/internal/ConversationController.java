package io.piaf.messaging.internal;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.identity.UserId;
import reactor.core.publisher.Mono;

@RestController
class ConversationController {

    record NewMessage(String text) {
    }

    private final ConversationService conversations;

    ConversationController(ConversationService conversations) {
        this.conversations = conversations;
    }

    @PostMapping(path = "/api/conversations/{handle}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Map<String, Object>> send(@AuthenticationPrincipal Jwt jwt, @PathVariable String handle,
            @RequestBody NewMessage request) {
        return conversations.send(UserId.fromSubject(jwt.getSubject()), handle, request.text());
    }

    @GetMapping("/api/conversations/{handle}/messages")
    Mono<Page<Map<String, Object>>> thread(@AuthenticationPrincipal Jwt jwt, @PathVariable String handle,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return conversations.thread(UserId.fromSubject(jwt.getSubject()), handle, limit, cursor);
    }

    @GetMapping("/api/conversations")
    Mono<Page<Map<String, Object>>> inbox(@AuthenticationPrincipal Jwt jwt,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return conversations.inbox(UserId.fromSubject(jwt.getSubject()), limit, cursor);
    }
}
