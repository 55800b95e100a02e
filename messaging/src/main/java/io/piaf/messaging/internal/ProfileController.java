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
@Tag(name = "Follows")
class ProfileController {

    private final FollowService follows;
    private final PostService posts;

    ProfileController(FollowService follows, PostService posts) {
        this.follows = follows;
        this.posts = posts;
    }

    record FollowRequestStatus(@Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = "REQUESTED") String status) {
    }

    @GetMapping("/api/users/{handle}")
    @Operation(summary = "Get a user's profile, and how you and they follow each other",
            responses = @ApiResponse(responseCode = "200", description = "OK",
                    content = @Content(schema = @Schema(implementation = MessagingSchemas.Profile.class))))
    @ProblemResponse(status = 400, codes = "invalid_handle")
    @ProblemResponse(status = 404, codes = "user_not_found")
    Mono<Map<String, Object>> profile(@AuthenticationPrincipal Jwt jwt, @PathVariable String handle) {
        return follows.profile(UserId.fromSubject(jwt.getSubject()), handle);
    }

    @GetMapping("/api/users/{handle}/posts")
    @Operation(summary = "List the items a user authored that you may see, newest first", tags = "Posts",
            responses = @ApiResponse(responseCode = "200", description = "OK",
                    content = @Content(schema = @Schema(implementation = MessagingSchemas.ItemPage.class))))
    @ProblemResponse(status = 400, codes = "invalid_handle")
    @ProblemResponse(status = 404, codes = "user_not_found")
    Mono<Page<RawValue>> posts(@AuthenticationPrincipal Jwt jwt, @PathVariable String handle,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return posts.byAuthor(UserId.fromSubject(jwt.getSubject()), handle, limit, cursor);
    }

    /** 204 once following; 202 while a protected account has the request to approve (the 204 contract holds for others). */
    @PutMapping("/api/users/{handle}/follow")
    @Operation(summary = "Follow a user, or ask to if their account is protected",
            description = "Following again changes nothing. A protected account gets a follow request to approve; asking again "
                    + "while it is pending changes nothing either.",
            responses = {
                    @ApiResponse(responseCode = "204", description = "You follow them"),
                    @ApiResponse(responseCode = "202", description = "Their account is protected: they have your request to approve",
                            content = @Content(schema = @Schema(implementation = FollowRequestStatus.class))) })
    @ProblemResponse(status = 400, codes = { "invalid_handle", "self_follow" })
    @ProblemResponse(status = 404, codes = "user_not_found")
    Mono<ResponseEntity<FollowRequestStatus>> follow(@AuthenticationPrincipal Jwt jwt, @PathVariable String handle) {
        return follows.follow(UserId.fromSubject(jwt.getSubject()), handle).map(state -> switch (state) {
            case FOLLOWING -> ResponseEntity.noContent().build();
            case REQUESTED -> ResponseEntity.accepted().body(new FollowRequestStatus(state.name()));
        });
    }

    @DeleteMapping("/api/users/{handle}/follow")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Stop following a user, or withdraw a follow request", description = "Unfollowing a stranger changes nothing.")
    @ProblemResponse(status = 400, codes = { "invalid_handle", "self_follow" })
    @ProblemResponse(status = 404, codes = "user_not_found")
    Mono<Void> unfollow(@AuthenticationPrincipal Jwt jwt, @PathVariable String handle) {
        return follows.unfollow(UserId.fromSubject(jwt.getSubject()), handle);
    }

    @GetMapping("/api/users/{handle}/followers")
    @Operation(summary = "List a user's followers, latest first", responses = @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = MessagingSchemas.FollowPage.class))))
    @ProblemResponse(status = 400, codes = "invalid_handle")
    @ProblemResponse(status = 404, codes = "user_not_found")
    Mono<Page<Map<String, Object>>> followers(@PathVariable String handle,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return follows.followers(handle, limit, cursor);
    }

    @GetMapping("/api/users/{handle}/following")
    @Operation(summary = "List who a user follows, latest first", responses = @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = MessagingSchemas.FollowPage.class))))
    @ProblemResponse(status = 400, codes = "invalid_handle")
    @ProblemResponse(status = 404, codes = "user_not_found")
    Mono<Page<Map<String, Object>>> following(@PathVariable String handle,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return follows.following(handle, limit, cursor);
    }
}
