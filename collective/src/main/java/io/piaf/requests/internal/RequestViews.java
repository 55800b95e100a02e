package io.piaf.requests.internal;

import java.time.Instant;
import java.util.List;

import io.piaf.common.ApiFormats;
import io.piaf.identity.UserId;
import io.piaf.requests.internal.domain.RequestAmounts;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * What the API shows of requests. The requester sees every item (who paid, who declined); a payer sees the request
 * with their own item only, and the payment of theirs that waits for their PIN.
 */
final class RequestViews {

    static final String MONEY = "#/components/schemas/Money";

    /** Written as payments' {@code Money} ({@code {"amount":"12.50","currency":"EUR"}}), which the description refers to. */
    record MoneyView(String amount, String currency) {

        static MoneyView of(Long cents) {
            return cents == null ? null : new MoneyView(RequestAmounts.format(cents), "EUR");
        }
    }

    @Schema(name = "MoneyRequest", description = "A request: the requester sees every item, a payer their own")
    record Request(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX) String requester,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "EACH", "SPLIT" },
                    description = "EACH: the same amount asked of each; SPLIT: a total shared out") String kind,
            @Schema(ref = MONEY, description = "SPLIT: the total shared out (shown to the requester)") MoneyView total,
            @Schema(pattern = ApiFormats.LINE, maxLength = 280) String note,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") Instant createdAt,
            @ArraySchema(maxItems = 20, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED),
                    schema = @Schema(implementation = Item.class)) List<Item> items) {
    }

    @Schema(name = "MoneyRequestItem", description = "One payer's part")
    record Item(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX) String payer,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) MoneyView amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "PENDING", "PAID", "DECLINED" }) String status,
            @Schema(format = "uuid", description = "PAID: the payment that paid it; PENDING, to the payer: the payment waiting for "
                    + "their PIN, if any") String paymentId,
            @Schema(pattern = ApiFormats.LINE, maxLength = 200, description = "To the payer: what their PIN confirms, while a payment waits")
            String challenge,
            @Schema(format = "date-time", description = "To the payer: until when the waiting payment may be confirmed") Instant expiresAt,
            @Schema(format = "date-time", description = "When it was paid or declined") Instant decidedAt,
            @Schema(format = "date-time", description = "To the requester: the last reminder") Instant remindedAt) {
    }

    @Schema(name = "MoneyRequestPage")
    record Page(@ArraySchema(maxItems = 50, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED),
            schema = @Schema(implementation = Request.class)) List<Request> items) {
    }

    @Schema(name = "MoneyRequestPayment", description = "Your payment of a request, waiting for your PIN: confirm it")
    record Payment(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String requestId,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid",
                    description = "Confirm with POST /api/payments/{paymentId}/confirm") String paymentId,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = "PENDING_CONFIRMATION") String status,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) MoneyView amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX) String payee,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, maxLength = 200,
                    example = "Pay 15.00 EUR to @alice") String challenge,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") Instant expiresAt) {
    }

    @Schema(name = "MoneyRequestReminders", description = "Who was reminded")
    record Reminded(@ArraySchema(maxItems = 20, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED),
            schema = @Schema(pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX)) List<String> reminded) {
    }

    private RequestViews() {
    }

    /** The request as {@code viewer} sees it: all items for the requester, their own for a payer. */
    static Request of(RequestRow r, List<ItemRow> items, UserId viewer) {
        var requester = r.requester().equals(viewer);
        var shown = items.stream().filter(i -> requester || i.payer().equals(viewer))
                .map(i -> item(i, requester, i.payer().equals(viewer))).toList();
        return new Request(r.id().toString(), r.requesterHandle(), r.kind(), requester ? MoneyView.of(r.total()) : null, r.note(),
                r.createdAt(), shown);
    }

    private static Item item(ItemRow i, boolean requester, boolean payer) {
        var waiting = payer && i.payment() != null && i.expiresAt().isAfter(Instant.now());
        var paymentId = i.paid() != null ? i.paid().toString() : waiting ? i.payment().toString() : null;
        return new Item(i.payerHandle(), MoneyView.of(i.amount()), i.status().name(), paymentId, waiting ? i.challenge() : null,
                waiting ? i.expiresAt() : null, i.decidedAt(), requester ? i.remindedAt() : null);
    }

    static Payment payment(RequestService.Payment p) {
        return new Payment(p.request().id().toString(), p.payment().id().toString(), "PENDING_CONFIRMATION",
                MoneyView.of(p.payment().amount().minorUnits()), p.request().requesterHandle(), p.payment().challenge(),
                p.payment().expiresAt());
    }
}
