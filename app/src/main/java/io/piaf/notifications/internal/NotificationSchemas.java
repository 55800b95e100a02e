package io.piaf.notifications.internal;

import io.piaf.common.ApiFormats;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * The shapes of notifications, for the OpenAPI description only: a notification's {@code data} is JSON its
 * listener wrote (MessagingNotifications, PaymentNotifications), which members depend on {@code type} (docs/api.md,
 * Notifications). A new type goes into {@link Notification#type}'s values and its members into {@link Data}.
 */
final class NotificationSchemas {

    private NotificationSchemas() {
    }

    @Schema(name = "NotificationUser", description = "A user a notification names")
    record Ref(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX) String handle) {
    }

    record CardBrief(
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "visa", "mastercard", "amex", "unknown" }) String brand,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[0-9]{4}$", maxLength = 4) String last4) {
    }

    @Schema(name = "NotificationData", description = "What happened; which members are there depends on the notification's type")
    record Data(
            @Schema(description = "new_follower, follow_requested") Ref follower,
            @Schema(description = "follow_approved: who approved your request") Ref followee,
            @Schema(format = "uuid", description = "mention") String postId,
            @Schema(description = "mention") Ref author,
            @Schema(pattern = ApiFormats.TEXT, maxLength = 1000, description = "mention, direct_message") String text,
            @Schema(format = "uuid", description = "direct_message") String conversationId,
            @Schema(format = "uuid", description = "direct_message") String messageId,
            @Schema(description = "direct_message") Ref from,
            @Schema(format = "uuid", description = "payment_*") String paymentId,
            @Schema(description = "payment_*") Ref payer,
            @Schema(description = "payment_* but payment_rejected") Ref payee,
            @Schema(pattern = ApiFormats.AMOUNT, maxLength = ApiFormats.AMOUNT_MAX, description = "payment_*, top_up_succeeded") String amount,
            @Schema(allowableValues = "EUR") String currency,
            @Schema(allowableValues = { "API", "POST", "DM" }, description = "payment_*: where the payment was asked for") String source,
            @Schema(format = "uuid", description = "payment_*: the post or message that asked for it") String sourceId,
            @Schema(pattern = ApiFormats.LINE, maxLength = 200, description = "payment_requested: what the PIN confirms",
                    example = "Pay 12.50 EUR to @bob") String challenge,
            @Schema(format = "date-time", description = "payment_requested") String expiresAt,
            @Schema(pattern = ApiFormats.LINE, maxLength = 280, description = "payment_requested, payment_completed, payment_received") String note,
            @Schema(description = "payment_completed, payment_received: to a verified charity") Boolean donation,
            @Schema(allowableValues = { "BY_PAYER", "PIN_LOCKED" }, description = "payment_cancelled") String reason,
            @Schema(pattern = "^[a-z0-9_]+$", maxLength = 64, description = "payment_rejected: the problem code") String code,
            @Schema(pattern = ApiFormats.LINE, maxLength = 1000, description = "payment_rejected: the problem, in words") String detail,
            @Schema(format = "uuid", description = "top_up_succeeded") String topUpId,
            @Schema(description = "top_up_succeeded") CardBrief card) {
    }

    record Notification(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[1-9][0-9]{0,18}$", maxLength = 19,
                    description = "Increasing per user (gaps possible): the stream's event id") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "new_follower", "follow_requested", "follow_approved",
                    "mention", "direct_message", "payment_requested", "payment_completed", "payment_received", "payment_cancelled",
                    "payment_expired", "payment_rejected", "top_up_succeeded" }) String type,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String createdAt,
            @Schema(requiredMode = RequiredMode.REQUIRED) boolean read,
            @Schema(requiredMode = RequiredMode.REQUIRED) Data data) {
    }
}
