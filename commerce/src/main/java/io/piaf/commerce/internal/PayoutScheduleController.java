package io.piaf.commerce.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.commerce.MerchantId;
import io.piaf.commerce.internal.domain.PayoutSchedule;
import io.piaf.common.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** The owner's side of payouts in the dashboard (user token): the balance, the payouts, and the payout schedule. */
@RestController
@Tag(name = "Merchants")
class PayoutScheduleController {

    /** Fields stay Objects so that a wrong JSON type is a problem with its code, not a codec error. */
    @Schema(name = "PayoutScheduleRequest")
    record ScheduleRequest(
            @Schema(requiredMode = RequiredMode.REQUIRED, types = "string", allowableValues = { "manual", "daily", "weekly" }) Object interval,
            @Schema(types = "string", allowableValues = { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" },
                    description = "Weekly only; default monday") Object weeklyAnchor) {
    }

    private final Merchants merchants;
    private final PayoutService payouts;
    private final PayoutSchedules schedules;
    private final CommerceProperties properties;

    PayoutScheduleController(Merchants merchants, PayoutService payouts, PayoutSchedules schedules, CommerceProperties properties) {
        this.merchants = merchants;
        this.payouts = payouts;
        this.schedules = schedules;
        this.properties = properties;
    }

    @GetMapping("/api/merchants/{id}/payouts")
    @Operation(summary = "The balance, payout schedule and last 100 payouts of one of your merchants",
            responses = @ApiResponse(responseCode = "200", description = "OK",
                    content = @Content(schema = @Schema(implementation = CommerceSchemas.MerchantPayouts.class))))
    @ProblemResponse(status = 403, codes = { "forbidden", "user_token_required" }, description = "Not a user's token.")
    @ProblemResponse(status = 404, codes = "merchant_not_found", description = "Also another user's merchant.")
    Mono<Map<String, Object>> payouts(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return merchants.owned(Callers.user(jwt), merchantId(id)).flatMap(m -> Mono.zip(payouts.balance(m.id()), schedules.find(m.id()),
                payouts.recent(m.id(), 100).map(PayoutController::view).collectList()).map(t -> {
                    var body = new LinkedHashMap<String, Object>();
                    body.put("balance", CommerceViews.money(t.getT1()));
                    body.put("schedule", view(t.getT2()));
                    body.put("items", t.getT3());
                    return body;
                }));
    }

    @PutMapping(path = "/api/merchants/{id}/payout-schedule", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Choose when one of your merchants' balance is paid out by itself: manual, daily or weekly",
            description = "Daily: each day (in Piaf's time zone) the whole balance is paid out to the bank account, as a payout "
                    + "with its payout.paid webhook; weekly: on weeklyAnchor; manual: only POST /api/payouts. The first payout is on "
                    + "the first such day after today; a day without balance pays nothing.",
            responses = @ApiResponse(responseCode = "200", description = "OK",
                    content = @Content(schema = @Schema(implementation = CommerceSchemas.PayoutScheduleView.class))))
    @ProblemResponse(status = 400, codes = "invalid_payout_schedule")
    @ProblemResponse(status = 403, codes = { "forbidden", "user_token_required" }, description = "Not a user's token.")
    @ProblemResponse(status = 404, codes = "merchant_not_found", description = "Also another user's merchant.")
    Mono<Map<String, Object>> schedule(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody ScheduleRequest request) {
        var schedule = PayoutSchedule.of(request.interval(), request.weeklyAnchor());
        return merchants.owned(Callers.user(jwt), merchantId(id))
                .flatMap(m -> schedules.set(m.id(), schedule, LocalDate.now(properties.payoutZone())))
                .map(PayoutScheduleController::view);
    }

    private static Map<String, Object> view(PayoutSchedules.Row row) {
        var view = new LinkedHashMap<String, Object>();
        view.put("interval", row.schedule().intervalName());
        view.put("weeklyAnchor", row.schedule().anchorName());
        view.put("nextPayoutOn", row.nextRun() == null ? null : row.nextRun().toString());
        return view;
    }

    private static MerchantId merchantId(String id) {
        return new MerchantId(Callers.id(id, Merchants.notFound()));
    }
}
