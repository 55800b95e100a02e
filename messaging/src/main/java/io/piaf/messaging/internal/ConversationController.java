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

@RestController
@Tag(name = "Messages")
class ConversationController {

    record NewMessage(
            @Schema(requiredMode = RequiredMode.REQUIRED, minLength = 1, maxLength = 1000, pattern = ApiFormats.TEXT,
                    description = "1 to 1000 characters once trimmed. `#envoyer 20€` in it pays the other person")
            String text) {
    }

    private final ConversationService conversations;

    ConversationController(ConversationService conversations) {
        this.conversations = conversations;
    }

    @PostMapping(path = "/api/conversations/{handle}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Send a direct message", responses = @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = MessagingSchemas.SentMessage.class))))
    @ProblemResponse(status = 400, codes = { "empty_text", "text_too_long", "invalid_text", "invalid_handle", "self_message" })
    @ProblemResponse(status = 404, codes = "user_not_found")
    Mono<Map<String, Object>> send(@AuthenticationPrincipal Jwt jwt, @PathVariable String handle,
            @RequestBody NewMessage request) {
        return conversations.send(UserId.fromSubject(jwt.getSubject()), handle, request.text());
    }

    @GetMapping("/api/conversations/{handle}/messages")
    @Operation(summary = "Read your conversation with a user, newest first",
            description = "Empty when you never wrote to each other.",
            responses = @ApiResponse(responseCode = "200", description = "OK",
                    content = @Content(schema = @Schema(implementation = MessagingSchemas.MessagePage.class))))
    @ProblemResponse(status = 400, codes = { "invalid_handle", "self_message" })
    @ProblemResponse(status = 404, codes = "user_not_found")
    Mono<Page<Map<String, Object>>> thread(@AuthenticationPrincipal Jwt jwt, @PathVariable String handle,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return conversations.thread(UserId.fromSubject(jwt.getSubject()), handle, limit, cursor);
    }

    @GetMapping("/api/conversations")
    @Operation(summary = "List your conversations, most recently active first",
            responses = @ApiResponse(responseCode = "200", description = "OK",
                    content = @Content(schema = @Schema(implementation = MessagingSchemas.ConversationPage.class))))
    Mono<Page<Map<String, Object>>> inbox(@AuthenticationPrincipal Jwt jwt,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return conversations.inbox(UserId.fromSubject(jwt.getSubject()), limit, cursor);
    }
}
