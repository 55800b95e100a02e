package io.piaf.notifications.internal;

import io.piaf.common.ApiFormats;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * The shapes of notifications, for the OpenAPI description only: a notification's {@code data} is JSON its
 * listener wrote (MessagingNotifications, PaymentNotifications, CryptoNotifications, IdentityNotifications, SavingsNotifications,
 * CardNotifications, PotNotifications, CampaignNotifications, CommerceNotifications,
 * RequestNotifications), which members depend on {@code type} (docs/api.md,
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

    @Schema(name = "NotificationPayee", description = "A payment's payee: a user, or for a contribution or pledge, the pot's or "
            + "campaign's label (pot/<slug>, campagne/<slug>) with its beneficiary's id")
    record PayeeRef(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.PAYEE, maxLength = ApiFormats.PAYEE_MAX) String handle) {
    }

    @Schema(description = "A card a notification names: top_up_succeeded the card paid with (brand), card_* your Piaf card (id)")
    record CardBrief(
            @Schema(format = "uuid", description = "card_*") String id,
            @Schema(allowableValues = { "visa", "mastercard", "amex", "unknown" }, description = "top_up_succeeded") String brand,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[0-9]{4}$", maxLength = 4) String last4) {
    }

    @Schema(name = "NotificationMerchant", description = "Where a card was used")
    record Merchant(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, maxLength = 60) String name,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[0-9]{4}$", maxLength = 4, description = "Merchant category code (ISO 18245)")
            String mcc,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[A-Z]{2}$", maxLength = 2, description = "ISO 3166 alpha-2") String country) {
    }

    @Schema(name = "NotificationData", description = "What happened; which members are there depends on the notification's type")
    record Data(
            @Schema(description = "new_follower, follow_requested") Ref follower,
            @Schema(description = "follow_approved: who approved your request") Ref followee,
            @Schema(format = "uuid", description = "mention, campaign_update") String postId,
            @Schema(description = "mention; pot_contribution_rejected, pledge_rejected, money_request_rejected: the post's author") Ref author,
            @Schema(pattern = ApiFormats.TEXT, maxLength = 1000, description = "mention, direct_message") String text,
            @Schema(format = "uuid", description = "direct_message") String conversationId,
            @Schema(format = "uuid", description = "direct_message") String messageId,
            @Schema(description = "direct_message") Ref from,
            @Schema(format = "uuid", description = "payment_*; money_request_paid: the payment that paid it") String paymentId,
            @Schema(description = "payment_*; money_request_paid, money_request_declined: who answered") Ref payer,
            @Schema(description = "payment_* but payment_rejected; crypto_transfer_requested to a Piaf user") PayeeRef payee,
            @Schema(pattern = ApiFormats.AMOUNT, maxLength = ApiFormats.AMOUNT_MAX,
                    description = "payment_*, top_up_succeeded, card_* (when in euros), pledge_refunded, pledge_collected, budget_closed (the month's budget), flattrs_paid, checkout_refunded, money_request* but money_request_rejected; crypto_* but crypto_rejected: in `token`, with `decimals`")
            String amount,
            @Schema(allowableValues = "EUR") String currency,
            @Schema(allowableValues = { "API", "POST", "DM" }, description = "payment_*, crypto_transfer_requested, crypto_rejected, "
                    + "pot_contribution_rejected, pledge_rejected, money_request_rejected: where it was asked for") String source,
            @Schema(format = "uuid", description = "payment_*, crypto_transfer_requested, crypto_rejected, pot_contribution_rejected, "
                    + "pledge_rejected, money_request_rejected: the post or message that asked for it")
            String sourceId,
            @Schema(pattern = ApiFormats.LINE, maxLength = 200, description = "payment_requested, crypto_transfer_requested: what the PIN confirms",
                    example = "Pay 12.50 EUR to @bob") String challenge,
            @Schema(format = "date-time", description = "payment_requested, crypto_transfer_requested") String expiresAt,
            @Schema(pattern = ApiFormats.LINE, maxLength = 280, description = "payment_requested, payment_completed, payment_received, money_requested, money_request_reminder") String note,
            @Schema(description = "payment_completed, payment_received: to a verified charity") Boolean donation,
            @Schema(allowableValues = { "BY_PAYER", "BY_SENDER", "PIN_LOCKED", "expired", "reverted", "chain_unavailable",
                    "insufficient_funds", "card_frozen", "card_cancelled", "limit_exceeded", "mcc_blocked", "channel_blocked",
                    "country_blocked", "incorrect_cvc", "incorrect_expiry", "expired_card", "unknown_card", "invalid_amount",
                    "unsupported_currency", "FAILED", "CANCELLED", "LATE", "reorganised" },
                    description = "payment_cancelled, crypto_failed, card_declined (the network's reason code); pledge_refunded: FAILED (the goal "
                    + "was not met), CANCELLED (by the backer), LATE (confirmed after the deadline)") String reason,
            @Schema(pattern = "^[a-z0-9_]+$", maxLength = 64,
                    description = "payment_rejected, crypto_rejected, pot_contribution_rejected, pledge_rejected: the problem code") String code,
            @Schema(pattern = ApiFormats.LINE, maxLength = 1000,
                    description = "payment_rejected, crypto_rejected, pot_contribution_rejected, pledge_rejected, money_request_rejected: the problem, in words")
            String detail,
            @Schema(format = "uuid", description = "top_up_succeeded") String topUpId,
            @Schema(description = "top_up_succeeded, card_*") CardBrief card,
            @Schema(format = "uuid", description = "card_*: the purchase (GET /api/cards/{id}/transactions)") String authorizationId,
            @Schema(description = "card_*") Merchant merchant,
            @Schema(description = "card_authorized: an increment to a purchase already held") Boolean incremental,
            @Schema(pattern = ApiFormats.LINE, maxLength = 200, description = "card_declined: the reason in plain words") String explanation,
            @Schema(format = "uuid", description = "crypto_* but crypto_rejected: the crypto transaction") String transactionId,
            @Schema(allowableValues = "EURP", description = "crypto_* but crypto_rejected") String token,
            @Schema(minimum = "0", maximum = "36", description = "crypto_* but crypto_rejected: the token's decimals") Integer decimals,
            @Schema(description = "crypto_transfer_requested: who sends") Ref sender,
            @Schema(pattern = "^0x[0-9a-fA-F]{40}$", maxLength = 42, description = "crypto_transfer_requested: the address the tokens go to")
            String to,
            @Schema(pattern = "^0x[0-9a-fA-F]{40}$", maxLength = 42, description = "crypto_key_exported: the account whose key was exported")
            String address,
            @Schema(allowableValues = { "BUY", "SELL", "TRANSFER" }, description = "crypto_confirmed, crypto_failed") String kind,
            @Schema(allowableValues = { "IN", "OUT" }, description = "crypto_confirmed") String direction,
            @Schema(pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX, description = "crypto_confirmed: the other Piaf user, if any")
            String counterparty,
            @Schema(pattern = "^0x[0-9a-fA-F]{64}$", maxLength = 66, description = "crypto_confirmed: the chain transaction") String txHash,
            @Schema(allowableValues = { "FAILED", "CANCELLED", "EXPIRED" }, description = "crypto_failed: how it ended") String status,
            @Schema(format = "date-time", description = "pin_locked: when PIN checks resume") String lockedUntil,
            @Schema(minimum = "1", maximum = "2147483647", description = "pin_locked: locks in a row") Integer lockCount,
            @Schema(format = "uuid", description = "goal_reached, interest_credited, scheduled_saving_skipped: the vault") String vaultId,
            @Schema(pattern = ApiFormats.LINE, maxLength = 50, description = "goal_reached, interest_credited, scheduled_saving_skipped")
            String vaultName,
            @Schema(pattern = ApiFormats.AMOUNT, maxLength = ApiFormats.AMOUNT_MAX, description = "goal_reached: the vault's goal") String goal,
            @Schema(pattern = ApiFormats.AMOUNT, maxLength = ApiFormats.AMOUNT_MAX, description = "goal_reached, interest_credited: the vault's balance")
            String balance,
            @Schema(pattern = "^[0-9]{4}-[0-9]{2}$", maxLength = 7, description = "interest_credited: the month the interest is for; budget_closed, flattrs_paid: the budget month") String month,
            @Schema(format = "date", description = "scheduled_saving_skipped: the day it was due") String scheduledFor,
            @Schema(format = "date", description = "scheduled_saving_skipped: the next try") String nextRun,
            @Schema(format = "uuid", description = "campaign_settled, pledge_refunded, pledge_collected, campaign_update") String campaignId,
            @Schema(pattern = ApiFormats.LINE, maxLength = 80, description = "campaign_update") String campaignTitle,
            @Schema(description = "campaign_settled: whether the goal was met (the escrow went to the creator) or not (pledges refunded)")
            Boolean succeeded,
            @Schema(pattern = ApiFormats.AMOUNT, maxLength = ApiFormats.AMOUNT_MAX, description = "campaign_settled: the total pledged")
            String pledged,
            @Schema(pattern = ApiFormats.AMOUNT, maxLength = ApiFormats.AMOUNT_MAX, description = "campaign_settled: the platform's fee "
                    + "(0.00 when it failed); budget_closed: the fee of the month's split") String fee,
            @Schema(format = "uuid", description = "pledge_refunded, pledge_collected") String pledgeId,
            @Schema(minimum = "1", maximum = "2147483647", description = "flattrs_paid: the flattrs of your posts the month paid, all payers together") Integer flattrs,
            @Schema(description = "budget_closed: nothing was flattred, the budget went back to the wallet") Boolean returned,
            @Schema(format = "uuid", description = "checkout_refunded") String refundId,
            @Schema(format = "uuid", description = "checkout_refunded: the checkout session it gives money back from") String sessionId,
            @Schema(pattern = ApiFormats.LINE, maxLength = 80, description = "checkout_refunded: the shop; webhook_endpoint_disabled: your merchant")
            String merchantName,
            @Schema(pattern = ApiFormats.LINE, maxLength = 500, description = "checkout_refunded: the merchant's reason, when it gave one")
            String refundReason,
            @Schema(format = "uuid", description = "webhook_endpoint_disabled") String endpointId,
            @Schema(pattern = ApiFormats.LINE, maxLength = 2048, description = "webhook_endpoint_disabled: the endpoint's URL") String url,
            @Schema(format = "date-time", description = "webhook_endpoint_disabled: every attempt failed since") String failingSince,
            @Schema(format = "uuid", description = "money_request*: the request (POST /api/requests/{id}/pay or /decline)") String requestId,
            @Schema(description = "money_requested, money_request_reminder: who asks") Ref requester) {
    }

    record Notification(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[1-9][0-9]{0,18}$", maxLength = 19,
                    description = "Increasing per user (gaps possible): the stream's event id") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "new_follower", "follow_requested", "follow_approved",
                    "mention", "direct_message", "payment_requested", "payment_completed", "payment_received", "payment_cancelled",
                    "payment_expired", "payment_rejected", "top_up_succeeded", "pin_locked", "crypto_transfer_requested", "crypto_confirmed",
                    "crypto_failed", "crypto_rejected", "crypto_key_exported", "goal_reached", "interest_credited", "scheduled_saving_skipped", "card_authorized",
                    "card_declined", "card_refunded", "pot_contribution_rejected", "campaign_settled", "pledge_refunded", "pledge_collected", "campaign_update", "pledge_rejected",
                    "budget_closed", "flattrs_paid", "checkout_refunded", "webhook_endpoint_disabled", "money_requested",
                    "money_request_reminder", "money_request_paid", "money_request_declined", "money_request_rejected" }) String type,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String createdAt,
            @Schema(requiredMode = RequiredMode.REQUIRED) boolean read,
            @Schema(requiredMode = RequiredMode.REQUIRED) Data data) {
    }
}
