package io.piaf.messaging.internal;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.common.ApiFormats;
import io.piaf.common.ProblemResponse;
import io.piaf.identity.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import tools.jackson.databind.util.RawValue;

@RestController
@Tag(name = "Posts")
class PostController {

    record NewPost(
            @Schema(requiredMode = RequiredMode.REQUIRED, minLength = 1, maxLength = 280, pattern = ApiFormats.TEXT,
                    description = "1 to 280 characters once trimmed. `#envoyer 12,50€ @bob` in it starts a payment (docs/api.md, pay by post)")
            String text,
            @Schema(allowableValues = { "PUBLIC", "FOLLOWERS" }, description = "Default PUBLIC") String visibility) {
    }

    private final PostService posts;

    PostController(PostService posts) {
        this.posts = posts;
    }

    @PostMapping(path = "/api/posts", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Publish a post", responses = @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = MessagingSchemas.Item.class))))
    @ProblemResponse(status = 400, codes = { "empty_text", "text_too_long", "invalid_text", "invalid_visibility" },
            description = "text_too_long carries `maxLength` and `length`.")
    Mono<RawValue> publish(@AuthenticationPrincipal Jwt jwt, @RequestBody NewPost request) {
        return posts.publish(UserId.fromSubject(jwt.getSubject()), request.text(), request.visibility());
    }

    @GetMapping("/api/posts/{id}")
    @Operation(summary = "Get a post you may see", responses = @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = MessagingSchemas.Item.class))))
    @ProblemResponse(status = 404, codes = "post_not_found", description = "Also for a post you may not see.")
    Mono<RawValue> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return posts.get(UserId.fromSubject(jwt.getSubject()), id);
    }

    @DeleteMapping("/api/posts/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete your post", description = "It leaves every timeline. An unlock post deleted within 24 hours "
            + "of its publication revokes the unlock (docs/api.md, content payments).",
            responses = @ApiResponse(responseCode = "204", description = "Deleted"))
    @ProblemResponse(status = 404, codes = "post_not_found", description = "Also another user's post.")
    Mono<Void> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return posts.delete(UserId.fromSubject(jwt.getSubject()), id);
    }

    @GetMapping("/api/timeline")
    @Operation(summary = "Get your home timeline: your items and those of the people you follow, newest first",
            responses = @ApiResponse(responseCode = "200", description = "OK",
                    content = @Content(schema = @Schema(implementation = MessagingSchemas.ItemPage.class))))
    Mono<Page<RawValue>> timeline(@AuthenticationPrincipal Jwt jwt,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return posts.home(UserId.fromSubject(jwt.getSubject()), limit, cursor);
    }
}
