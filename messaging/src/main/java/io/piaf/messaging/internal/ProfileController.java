package io.piaf.messaging.internal;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.identity.UserId;
import reactor.core.publisher.Mono;
import tools.jackson.databind.util.RawValue;

@RestController
class ProfileController {

    private final FollowService follows;
    private final PostService posts;

    ProfileController(FollowService follows, PostService posts) {
        this.follows = follows;
        this.posts = posts;
    }

    @GetMapping("/api/users/{handle}")
    Mono<Map<String, Object>> profile(@AuthenticationPrincipal Jwt jwt, @PathVariable String handle) {
        return follows.profile(UserId.fromSubject(jwt.getSubject()), handle);
    }

    @GetMapping("/api/users/{handle}/posts")
    Mono<Page<RawValue>> posts(@AuthenticationPrincipal Jwt jwt, @PathVariable String handle,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return posts.byAuthor(UserId.fromSubject(jwt.getSubject()), handle, limit, cursor);
    }

    record FollowRequestStatus(String status) {
    }

    /** 204 once following; 202 while a protected account has the request to approve (the 204 contract holds for others). */
    @PutMapping("/api/users/{handle}/follow")
    Mono<ResponseEntity<FollowRequestStatus>> follow(@AuthenticationPrincipal Jwt jwt, @PathVariable String handle) {
        return follows.follow(UserId.fromSubject(jwt.getSubject()), handle).map(state -> switch (state) {
            case FOLLOWING -> ResponseEntity.noContent().build();
            case REQUESTED -> ResponseEntity.accepted().body(new FollowRequestStatus(state.name()));
        });
    }

    @DeleteMapping("/api/users/{handle}/follow")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> unfollow(@AuthenticationPrincipal Jwt jwt, @PathVariable String handle) {
        return follows.unfollow(UserId.fromSubject(jwt.getSubject()), handle);
    }

    @GetMapping("/api/users/{handle}/followers")
    Mono<Page<Map<String, Object>>> followers(@PathVariable String handle,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return follows.followers(handle, limit, cursor);
    }

    @GetMapping("/api/users/{handle}/following")
    Mono<Page<Map<String, Object>>> following(@PathVariable String handle,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return follows.following(handle, limit, cursor);
    }
}
