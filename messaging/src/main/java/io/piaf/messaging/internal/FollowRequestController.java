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

import io.piaf.common.ProblemResponse;
import io.piaf.identity.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** A protected account's follow requests: who asks, and the answer. */
@RestController
@Tag(name = "Follows")
class FollowRequestController {

    private final FollowService follows;

    FollowRequestController(FollowService follows) {
        this.follows = follows;
    }

    @GetMapping("/api/me/follow-requests")
    @Operation(summary = "List who asks to follow you, newest first", responses = @ApiResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = MessagingSchemas.FollowRequestPage.class))))
    Mono<Page<Map<String, Object>>> requests(@AuthenticationPrincipal Jwt jwt,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return follows.requests(UserId.fromSubject(jwt.getSubject()), limit, cursor);
    }

    @PostMapping("/api/me/follow-requests/{handle}/approve")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Let someone who asked follow you", description = "They are told (notification follow_approved).")
    @ProblemResponse(status = 400, codes = "invalid_handle")
    @ProblemResponse(status = 404, codes = { "user_not_found", "follow_request_not_found" })
    Mono<Void> approve(@AuthenticationPrincipal Jwt jwt, @PathVariable String handle) {
        return follows.approve(UserId.fromSubject(jwt.getSubject()), handle);
    }

    @PostMapping("/api/me/follow-requests/{handle}/decline")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Refuse a follow request", description = "The requester is not told.")
    @ProblemResponse(status = 400, codes = "invalid_handle")
    @ProblemResponse(status = 404, codes = { "user_not_found", "follow_request_not_found" })
    Mono<Void> decline(@AuthenticationPrincipal Jwt jwt, @PathVariable String handle) {
        return follows.decline(UserId.fromSubject(jwt.getSubject()), handle);
    }
}
