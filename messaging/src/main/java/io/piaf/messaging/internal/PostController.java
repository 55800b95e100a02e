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
import tools.jackson.databind.util.RawValue;

@RestController
class PostController {

    record NewPost(String text, String visibility) {
    }

    private final PostService posts;

    PostController(PostService posts) {
        this.posts = posts;
    }

    @PostMapping(path = "/api/posts", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<RawValue> publish(@AuthenticationPrincipal Jwt jwt, @RequestBody NewPost request) {
        return posts.publish(UserId.fromSubject(jwt.getSubject()), request.text(), request.visibility());
    }

    @GetMapping("/api/posts/{id}")
    Mono<RawValue> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return posts.get(UserId.fromSubject(jwt.getSubject()), id);
    }

    @GetMapping("/api/timeline")
    Mono<Page<RawValue>> timeline(@AuthenticationPrincipal Jwt jwt,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return posts.home(UserId.fromSubject(jwt.getSubject()), limit, cursor);
    }
}
