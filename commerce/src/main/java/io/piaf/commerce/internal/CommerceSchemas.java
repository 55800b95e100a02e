package io.piaf.commerce.internal;

import java.util.List;
import java.util.Map;

import io.piaf.common.ApiFormats;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * What commerce's operations answer, for the OpenAPI description only: the controllers write maps (CommerceViews),
 * shared with the webhook objects, and these records say what those maps hold. Money is payments' {@code Money}.
 */
final class CommerceSchemas {

    static final String MONEY = "#/components/schemas/Money";
    static final String URL = "^https?://[^\\u0000-\\u0020\\u007f]+$";
    static final int URL_MAX = 2048;
    static final String SESSION_STATUS_OPEN = "OPEN";

    private CommerceSchemas() {
    }

    @Schema(name = "MerchantSummary", description = "The merchant a buyer pays")
    record MerchantSummary(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, maxLength = 80) String name,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[0-9]{4}$", maxLength = 4, description = "ISO 18245 merchant category code") String mcc,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", maxLength = 254) String supportEmail) {
    }

    @Schema(name = "Merchant", description = "A merchant account of the caller, without its secrets")
    record Merchant(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, maxLength = 80) String name,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[0-9]{4}$", maxLength = 4) String mcc,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", maxLength = 254) String supportEmail,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^cl_[a-z2-7]{26}$", maxLength = 29,
                    description = "The merchant's OAuth 2.0 client id (POST /oauth2/token)") String clientId) {
    }

    @Schema(name = "MerchantOpened", description = "A new merchant with its first client secret, shown this once")
    record MerchantOpened(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, maxLength = 80) String name,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[0-9]{4}$", maxLength = 4) String mcc,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", maxLength = 254) String supportEmail,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^cl_[a-z2-7]{26}$", maxLength = 29) String clientId,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[A-Za-z0-9_-]+$", maxLength = 100, format = "password",
                    description = "Shown once: only its SHA-256 is kept") String clientSecret,
            @Schema(requiredMode = RequiredMode.REQUIRED) @ArraySchema(maxItems = 10, schema = @Schema(
                    allowableValues = { "checkout:write", "payments:read", "refunds:write", "webhooks:write", "payouts:write" })) List<String> scopes) {
    }

    @Schema(name = "Merchants")
    record MerchantList(@Schema(requiredMode = RequiredMode.REQUIRED) @ArraySchema(maxItems = 1000) List<Merchant> items) {
    }

    @Schema(name = "ClientSecretIssued", description = "A new client secret, shown this once")
    record SecretIssued(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^cl_[a-z2-7]{26}$", maxLength = 29) String clientId,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[A-Za-z0-9_-]+$", maxLength = 100, format = "password") String clientSecret,
            @Schema(types = "string", format = "date-time",
                    description = "When the older secrets stop working; absent when none is left (revokeOthers)") String previousSecretsExpireAt) {
    }

    @Schema(name = "CheckoutLineItem")
    record LineItem(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, maxLength = 200) String name,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1", maximum = "10000") int quantity,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) Object unitAmount) {
    }

    @Schema(name = "CheckoutSession", description = "A checkout session as its merchant sees it (also the object of checkout.session.completed)")
    record Session(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = "checkout.session") String object,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "OPEN", "COMPLETE", "EXPIRED" }) String status,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) Object amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) Object amountRefunded,
            @Schema(requiredMode = RequiredMode.REQUIRED) @ArraySchema(maxItems = 100) List<LineItem> lineItems,
            @Schema(types = "string", pattern = ApiFormats.LINE, maxLength = 200) String reference,
            @Schema(requiredMode = RequiredMode.REQUIRED, maxProperties = 50, additionalPropertiesSchema = Text500.class) Map<String, String> metadata,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = URL, maxLength = URL_MAX, description = "Piaf's page where the buyer pays") String url,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = URL, maxLength = URL_MAX) String successUrl,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = URL, maxLength = URL_MAX) String cancelUrl,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String expiresAt,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String createdAt,
            @Schema(format = "uuid", description = "Once paid") String paymentId,
            @Schema(format = "date-time", description = "Once paid") String completedAt) {
    }

    @Schema(name = "CheckoutSessionList", description = "A merchant's newest sessions first")
    record SessionList(@Schema(requiredMode = RequiredMode.REQUIRED) @ArraySchema(maxItems = 100) List<Session> items) {
    }

    @Schema(name = "CheckoutMetadataValue", types = "string", pattern = ApiFormats.TEXT, maxLength = 500)
    record Text500() {
    }

    @Schema(name = "CheckoutForPayer", description = "What a buyer sees of a session: never the merchant's reference nor metadata")
    record ForPayer(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "OPEN", "COMPLETE", "EXPIRED" }) String status,
            @Schema(requiredMode = RequiredMode.REQUIRED) MerchantSummary merchant,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) Object amount,
            @Schema(requiredMode = RequiredMode.REQUIRED) @ArraySchema(maxItems = 100) List<LineItem> lineItems,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String expiresAt,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = URL, maxLength = URL_MAX) String cancelUrl,
            @Schema(pattern = URL, maxLength = URL_MAX, description = "Once the caller paid it") String successUrl,
            @Schema(format = "uuid", description = "Once the caller paid it") String paymentId) {
    }

    /** GET /api/checkout/sessions/{id} answers one or the other, by the token's kind. */
    @Schema(name = "CheckoutSessionView", oneOf = { Session.class, ForPayer.class },
            description = "The merchant's view (CheckoutSession) with a merchant token; the buyer's (CheckoutForPayer) with a user's")
    interface SessionOrPayerView {
    }

    @Schema(name = "CheckoutPaid")
    record Paid(
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = "COMPLETE") String status,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String paymentId,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = URL, maxLength = URL_MAX) String successUrl) {
    }

    @Schema(name = "Refund")
    record Refund(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = "SUCCEEDED") String status,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) Object amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String sessionId,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY, description = "Refunded in total, this one included") Object amountRefunded) {
    }

    @Schema(name = "WebhookEndpoint", description = "A merchant's webhook endpoint, without its secret")
    record Endpoint(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = URL, maxLength = URL_MAX) String url,
            @Schema(requiredMode = RequiredMode.REQUIRED) @ArraySchema(maxItems = 4, schema = @Schema(
                    allowableValues = { "checkout.session.completed", "checkout.session.expired", "refund.succeeded", "payout.paid" })) List<String> events,
            @Schema(requiredMode = RequiredMode.REQUIRED,
                    description = "false once it failed every attempt for 3 days (then POST .../enable)") boolean enabled,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String createdAt,
            @Schema(types = "string", format = "date-time", description = "When it was disabled, while it is") String disabledAt) {
    }

    @Schema(name = "WebhookEndpointCreated", description = "A new endpoint with its signing secret, shown this once")
    record EndpointCreated(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = URL, maxLength = URL_MAX) String url,
            @Schema(requiredMode = RequiredMode.REQUIRED) @ArraySchema(maxItems = 4, schema = @Schema(
                    allowableValues = { "checkout.session.completed", "checkout.session.expired", "refund.succeeded", "payout.paid" })) List<String> events,
            @Schema(requiredMode = RequiredMode.REQUIRED) boolean enabled,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String createdAt,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[A-Za-z0-9_-]+$", maxLength = 100, format = "password",
                    description = "HMAC-SHA256 key of Piaf-Signature") String secret) {
    }

    @Schema(name = "WebhookEndpoints")
    record EndpointList(@Schema(requiredMode = RequiredMode.REQUIRED) @ArraySchema(maxItems = 1000) List<Endpoint> items) {
    }

    @Schema(name = "WebhookDelivery")
    record Delivery(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^evt_[0-9a-f-]{36}$", maxLength = 40) String eventId,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "checkout.session.completed", "checkout.session.expired", "refund.succeeded", "payout.paid", "webhook.test" }) String type,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "PENDING", "DELIVERED", "FAILED" }) String status,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "1000") int attempts,
            @Schema(types = "integer", minimum = "100", maximum = "599") Integer lastStatusCode,
            @Schema(types = "integer", format = "int64", minimum = "0", maximum = "600000") Long lastLatencyMs,
            @Schema(types = "string", pattern = ApiFormats.TEXT, maxLength = 1000) String lastError,
            @Schema(types = "string", format = "date-time") String nextAttemptAt,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String createdAt,
            @Schema(types = "string", format = "date-time") String deliveredAt) {
    }

    @Schema(name = "WebhookDeliveries")
    record DeliveryList(@Schema(requiredMode = RequiredMode.REQUIRED) @ArraySchema(maxItems = 100) List<Delivery> items) {
    }

    @Schema(name = "Payout", description = "Money from your balance to your bank account; the sandbox bank pays at once")
    record Payout(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = "payout") String object,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = "PAID") String status,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) Object amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = "sandbox_bank") String destination,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String createdAt,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String paidAt) {
    }

    @Schema(name = "Payouts")
    record PayoutList(
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY, description = "What you can pay out now") Object balance,
            @Schema(requiredMode = RequiredMode.REQUIRED) @ArraySchema(maxItems = 100) List<Payout> items) {
    }

    @Schema(name = "PayoutScheduleSetting", description = "When the balance goes to the bank account by itself")
    record PayoutScheduleView(
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "manual", "daily", "weekly" }) String interval,
            @Schema(types = "string", allowableValues = { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" },
                    description = "Weekly only") String weeklyAnchor,
            @Schema(types = "string", format = "date", description = "The day of the next payout (none when manual)") String nextPayoutOn) {
    }

    @Schema(name = "MerchantPayouts", description = "A merchant's balance, payout schedule and last 100 payouts")
    record MerchantPayouts(
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY, description = "What can be paid out now") Object balance,
            @Schema(requiredMode = RequiredMode.REQUIRED) PayoutScheduleView schedule,
            @Schema(requiredMode = RequiredMode.REQUIRED) @ArraySchema(maxItems = 100) List<Payout> items) {
    }
}
