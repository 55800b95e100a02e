package io.piaf.budgets.internal;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.budgets.internal.BudgetViews.BudgetView;
import io.piaf.budgets.internal.BudgetViews.MoneyJson;
import io.piaf.budgets.internal.domain.BudgetRules;
import io.piaf.budgets.internal.domain.Months;
import io.piaf.common.ProblemException;
import io.piaf.common.ProblemResponse;
import io.piaf.identity.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Budgets")
class BudgetController {

    @Schema(name = "BudgetSetting")
    record BudgetSetting(
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = BudgetViews.MONEY_INPUT, description = "1.00 to 500.00 EUR a month")
            MoneyJson monthly,
            @Schema(allowableValues = { "PER_CREATOR", "PER_FLATTR" }, description = "PER_CREATOR (the default): equal per creator; "
                    + "PER_FLATTR: in proportion to the posts flattred") String split) {
    }

    private final BudgetService budgets;
    private final EarningsQueries earnings;

    BudgetController(BudgetService budgets, EarningsQueries earnings) {
        this.budgets = budgets;
        this.earnings = earnings;
    }

    @GetMapping("/api/budget")
    @Operation(operationId = "getBudget", summary = "Your budget: this month's money, flattrs and the split as the close will pay it")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "no_budget", description = "You have never set a budget.")
    Mono<BudgetView> get(@AuthenticationPrincipal Jwt jwt) {
        return budgets.view(Callers.user(jwt)).onErrorMap(ProblemException.class, BudgetController::notFound).map(BudgetViews::of);
    }

    @PutMapping(path = "/api/budget", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "setBudget", summary = "Set or change your monthly budget",
            description = "A new budget takes this month's amount from your wallet at once into your budget account (a month's "
                    + "money exists before you flattr, so the preview is exact); then each month's at its start. A changed "
                    + "amount applies from next month; a changed split applies to this month until it closes. Setting the "
                    + "same budget again changes nothing, so no Idempotency-Key is needed.")
    @ProblemResponse(status = 400, codes = { "invalid_budget", "invalid_amount", "unsupported_currency", "invalid_split" },
            description = "invalid_budget: the amount is outside 1.00 to 500.00 EUR.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 409, codes = { "insufficient_funds", "month_closed" },
            description = "insufficient_funds: the wallet cannot pay this month's budget; month_closed: "
                    + "this month is closed and its split can no longer change. Nothing is written.")
    Mono<BudgetView> set(@AuthenticationPrincipal Jwt jwt, @RequestBody BudgetSetting body) {
        var user = Callers.user(jwt);
        return Mono.defer(() -> {
            if (body == null) {
                throw ProblemException.badRequest("invalid_budget", "Send {\"monthly\":{\"amount\":\"5.00\",\"currency\":\"EUR\"},\"split\":\"PER_CREATOR\"}.");
            }
            var monthly = BudgetRules.monthly(MoneyJson.cents(body.monthly()));
            return budgets.set(user, monthly, BudgetRules.split(body.split()));
        }).map(BudgetViews::of);
    }

    @DeleteMapping("/api/budget")
    @Operation(operationId = "stopBudget", summary = "Stop your budget from next month",
            description = "This month's money stays for the posts you flattred and is paid out at its close (or returned if "
                    + "you flattred nothing). Setting a budget again resumes it.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "no_budget", description = "You have never set a budget.")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> stop(@AuthenticationPrincipal Jwt jwt) {
        return budgets.stop(Callers.user(jwt)).onErrorMap(ProblemException.class, BudgetController::notFound);
    }

    @PostMapping("/api/posts/{id}/flattr")
    @Operation(operationId = "flattrPost", summary = "Flattr a post: its author gets a share of your month's budget at its close",
            description = "Once per post and month: again is 409 already_flattred. Who flattred whom is known to the two of you only.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "post_not_found")
    @ProblemResponse(status = 409, codes = { "no_budget", "month_closed", "already_flattred", "too_many_flattrs" },
            description = "no_budget: no money for this month (no budget, or the wallet could not pay it); month_closed: "
                    + "this month's budget was closed; too_many_flattrs: 500 flattrs this month already.")
    @ProblemResponse(status = 422, codes = "own_post")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> flattr(@AuthenticationPrincipal Jwt jwt, @Parameter(schema = @Schema(format = "uuid")) @PathVariable String id) {
        var user = Callers.user(jwt);
        return Mono.defer(() -> budgets.flattr(user, postId(id)));
    }

    @GetMapping("/api/earnings")
    @Operation(operationId = "getEarnings", summary = "What flattrs paid you: a month per post, and your recent months",
            description = "Paid at each month's close; the current month shows nothing until it closes.")
    @ProblemResponse(status = 400, codes = "invalid_month")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    Mono<BudgetViews.Earnings> earnings(@AuthenticationPrincipal Jwt jwt,
            @Parameter(description = "yyyy-mm; the last month by default", schema = @Schema(pattern = BudgetViews.MONTH, maxLength = 7))
            @RequestParam(required = false) String month) {
        var user = Callers.user(jwt);
        return Mono.defer(() -> earnings.of(user, month == null ? budgets.currentMonth().minusMonths(1) : Months.parse(month)));
    }

    private static UUID postId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("post_not_found", "There is no such post.");
        }
    }

    /** "No budget" to read or stop is a missing resource (404); to flattr with, a state conflict (409). */
    private static Throwable notFound(ProblemException p) {
        return "no_budget".equals(p.code()) ? ProblemException.notFound("no_budget", "You have no budget: set one with PUT /api/budget.") : p;
    }
}
