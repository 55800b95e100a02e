package io.piaf.messaging.internal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.piaf.common.ApiFormats;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * The shapes of what messaging answers, for the OpenAPI description only: items are JSON rendered by PostgreSQL
 * ({@link ItemStore}) and profiles, users and messages are maps, so the code has no type to describe them. The
 * contract tests (ResponsesFollowTheDescriptionTests) hold the answers to these shapes.
 */
final class MessagingSchemas {

    private MessagingSchemas() {
    }

    @Schema(description = "A user as others see them")
    record UserRef(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX) String handle,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, maxLength = 50) String displayName) {
    }

    record Mention(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX) String handle) {
    }

    @Schema(description = "What the parties of a payment receipt see besides its text: the amount")
    record ItemDetails(
            @Schema(format = "uuid") String paymentId,
            @Schema(pattern = ApiFormats.AMOUNT, maxLength = ApiFormats.AMOUNT_MAX) String amount,
            @Schema(allowableValues = "EUR") String currency) {
    }

    @Schema(description = "The payment a pay-by-post post started, shown to its author only")
    record PostPayment(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "PENDING_CONFIRMATION", "COMPLETED", "CANCELLED", "EXPIRED" })
            String status) {
    }

    @Schema(description = "A timeline item: a post (kind post) or something another module published on a user's behalf, "
            + "such as a payment receipt (kind payment_receipt, id = the payment's id, author = the payer)")
    record Item(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[a-z][a-z0-9_]{0,39}$", maxLength = 40, example = "post") String kind,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED) UserRef author,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.TEXT, maxLength = 1000) String text,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "PUBLIC", "FOLLOWERS", "PRIVATE" }) String visibility,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String createdAt,
            @ArraySchema(maxItems = 100, arraySchema = @Schema(description = "Posts: the @handles of existing users"))
            List<Mention> mentions,
            @ArraySchema(maxItems = 140, arraySchema = @Schema(description = "Posts: the #tags, lower case, without #"),
                    schema = @Schema(pattern = "^[^\\s#]+$", maxLength = 279)) List<String> tags,
            @ArraySchema(maxItems = 10, arraySchema = @Schema(description = "Other items: the users it is about (a receipt: payer and payee)"))
            List<UserRef> parties,
            @Schema(description = "Other items, to their parties only") ItemDetails details,
            @Schema(description = "Pay-by-post posts, to their author only") PostPayment payment) {
    }

    record ItemPage(
            @ArraySchema(maxItems = ApiFormats.PAGE_MAX, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED)) List<Item> items,
            @Schema(pattern = ApiFormats.CURSOR, maxLength = ApiFormats.CURSOR_MAX, description = "Absent on the last page") String nextCursor) {
    }

    record Profile(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX) String handle,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, maxLength = 50) String displayName,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "PERSON", "CHARITY" }) String kind,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "2147483647") int followersCount,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "2147483647") int followingCount,
            @Schema(requiredMode = RequiredMode.REQUIRED) boolean followedByMe,
            @Schema(requiredMode = RequiredMode.REQUIRED) boolean followsMe,
            @JsonProperty("protected") @Schema(requiredMode = RequiredMode.REQUIRED,
                    description = "Following takes this user's approval") boolean protectedAccount,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "You asked to follow and they have not answered yet")
            boolean followRequested) {
    }

    @Schema(description = "A follower, or someone followed")
    record Follow(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX) String handle,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, maxLength = 50) String displayName,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "PERSON", "CHARITY" }) String kind,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String followedAt) {
    }

    record FollowPage(
            @ArraySchema(maxItems = ApiFormats.PAGE_MAX, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED)) List<Follow> items,
            @Schema(pattern = ApiFormats.CURSOR, maxLength = ApiFormats.CURSOR_MAX, description = "Absent on the last page") String nextCursor) {
    }

    @Schema(description = "Someone who asks to follow you")
    record FollowRequest(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX) String handle,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, maxLength = 50) String displayName,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "PERSON", "CHARITY" }) String kind,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String requestedAt) {
    }

    record FollowRequestPage(
            @ArraySchema(maxItems = ApiFormats.PAGE_MAX, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED)) List<FollowRequest> items,
            @Schema(pattern = ApiFormats.CURSOR, maxLength = ApiFormats.CURSOR_MAX, description = "Absent on the last page") String nextCursor) {
    }

    record Message(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED) UserRef from,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.TEXT, maxLength = 1000) String text,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String sentAt) {
    }

    @Schema(description = "A message just sent, with where it went")
    record SentMessage(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED) UserRef from,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.TEXT, maxLength = 1000) String text,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String sentAt,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String conversationId,
            @Schema(requiredMode = RequiredMode.REQUIRED) UserRef to) {
    }

    record MessagePage(
            @ArraySchema(maxItems = ApiFormats.PAGE_MAX, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED)) List<Message> items,
            @Schema(pattern = ApiFormats.CURSOR, maxLength = ApiFormats.CURSOR_MAX, description = "Absent on the last page") String nextCursor) {
    }

    record Conversation(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED) UserRef with,
            @Schema(requiredMode = RequiredMode.REQUIRED) Message lastMessage) {
    }

    record ConversationPage(
            @ArraySchema(maxItems = ApiFormats.PAGE_MAX, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED)) List<Conversation> items,
            @Schema(pattern = ApiFormats.CURSOR, maxLength = ApiFormats.CURSOR_MAX, description = "Absent on the last page") String nextCursor) {
    }
}
