package io.piaf.budgets.internal;

import java.util.ArrayList;
import java.util.List;

import io.piaf.budgets.internal.domain.BudgetSplit;
import io.piaf.common.ApiFormats;
import io.piaf.payments.Money;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** What the budget API writes. */
final class BudgetViews {

    static final String MONEY = "#/components/schemas/Money";
    static final String MONEY_INPUT = "#/components/schemas/MoneyInput";
    static final String MONTH = "^[0-9]{4}-[0-9]{2}$";

    private BudgetViews() {
    }

    /** Money as the API writes it; {@code amount} is a decimal string (described by payments' Money and MoneyInput). */
    record MoneyJson(Object amount, String currency) {

        static MoneyJson of(long cents) {
            return new MoneyJson(Money.eur(cents).decimal(), "EUR");
        }

        static long cents(MoneyJson money) {
            if (money == null) {
                throw io.piaf.common.ProblemException.badRequest("invalid_amount",
                        "An amount is required: {\"amount\":\"5.00\",\"currency\":\"EUR\"}.");
            }
            return Money.fromApi(money.amount(), money.currency()).minorUnits();
        }
    }

    @Schema(name = "BudgetShare", description = "What one creator gets at the month's close, as things stand")
    record Share(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX) String creator,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1", maximum = "500", description = "Posts of theirs you flattred this month") int flattrs,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) MoneyJson amount) {
    }

    @Schema(name = "Budget")
    record BudgetView(
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY, description = "Taken from the wallet at the start of each month")
            MoneyJson monthly,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "PER_CREATOR", "PER_FLATTR" }) String split,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[0-9]{1,3}\\.[0-9]{2}$", maxLength = 6,
                    description = "The platform's fee, percent of the month's budget (rounded down to the cent)", example = "10.00")
            String feeRate,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = MONTH, maxLength = 7, example = "2026-11") String month,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "OPEN", "CLOSED", "RETURNED", "UNFUNDED" },
                    description = "OPEN: flattrs count; CLOSED: paid out; RETURNED: nothing flattred, back in the wallet; "
                            + "UNFUNDED: the wallet could not pay this month's budget") String status,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "false once stopped (DELETE): no new month is taken") boolean active,
            @Schema(ref = MONEY, description = "This month's budget as taken from the wallet; absent when UNFUNDED") MoneyJson budget,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "500", description = "Posts flattred this month (500 at most)") int flattrs,
            @ArraySchema(maxItems = 500, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED,
                    description = "The split as the close pays it: the budget less the fee, per creator; exact"))
            List<Share> preview,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY, description = "The platform's fee of this split (0 when returned)")
            MoneyJson fee,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "Whether anyone may see whose posts you flattr (PUT /api/budget/visibility)")
            boolean publicFlattrs) {
    }

    static BudgetView of(BudgetService.View v) {
        var preview = new ArrayList<Share>();
        long fee = 0;
        if (v.split() instanceof BudgetSplit.Paid paid) {
            fee = paid.fee();
            for (var i = 0; i < v.creators().size(); i++) {
                var c = v.creators().get(i);
                preview.add(new Share(c.handle(), c.flattrs().size(), MoneyJson.of(paid.shares().get(i).amount())));
            }
        }
        var flattrs = v.creators().stream().mapToInt(c -> c.flattrs().size()).sum();
        var status = v.funded() == null ? "UNFUNDED" : v.funded().status();
        var split = v.funded() != null ? v.funded().split() : v.budget().split();
        return new BudgetView(MoneyJson.of(v.budget().monthly()), split.name(), java.math.BigDecimal.valueOf(v.feeBps(), 2).toPlainString(), v.month().toString(),
                status, v.budget().active(), v.funded() == null ? null : MoneyJson.of(v.funded().amount()), flattrs, preview,
                MoneyJson.of(fee), v.budget().publicFlattrs());
    }

    @Schema(name = "PostEarnings")
    record PostEarnings(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String post,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1", maximum = "2147483647", description = "Flattrs of this post paid that month") int flattrs,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) MoneyJson amount) {
    }

    @Schema(name = "MonthEarnings")
    record MonthEarnings(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = MONTH, maxLength = 7) String month,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "2147483647") int flattrs,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) MoneyJson amount) {
    }

    @Schema(name = "Earnings", description = "What flattrs paid you: one month per post, and your last twelve paid months")
    record Earnings(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = MONTH, maxLength = 7) String month,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY, description = "The month's total") MoneyJson total,
            @ArraySchema(maxItems = 200, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED, description = "The month's posts, the best paid first"))
            List<PostEarnings> posts,
            @ArraySchema(maxItems = 12, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED, description = "Recent months, the latest first"))
            List<MonthEarnings> months) {
    }
}
