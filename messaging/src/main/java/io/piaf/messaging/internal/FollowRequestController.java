package io.piaf.messaging.internal;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.identity.UserId;
import reactor.core.publisher.Mono;

/** A protected account's follow requests: who asks, and the answer. */
@RestController
class FollowRequestController {

    private final FollowService follows;

    FollowRequestController(FollowService follows) {
        this.follows = follows;
    }

    @GetMapping("/api/me/follow-requests")
    Mono<Page<Map<String, Object>>> requests(@AuthenticationPrincipal Jwt jwt,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return follows.requests(UserId.fromSubject(jwt.getSubject()), limit, cursor);
    }

    @PostMapping("/api/me/follow-requests/{handle}/approve")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> approve(@AuthenticationPrincipal Jwt jwt, @PathVariable String handle) {
        return follows.approve(UserId.fromSubject(jwt.getSubject()), handle);
    }

    @PostMapping("/api/me/follow-requests/{handle}/decline")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> decline(@AuthenticationPrincipal Jwt jwt, @PathVariable String handle) {
        return follows.decline(UserId.fromSubject(jwt.getSubject()), handle);
    }
}
