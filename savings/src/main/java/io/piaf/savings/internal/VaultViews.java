package io.piaf.savings.internal;

import java.math.BigDecimal;

import java.util.List;

import io.piaf.common.ApiFormats;
import io.piaf.payments.Money;
import io.piaf.savings.internal.domain.VaultName;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** The API's JSON shapes for vaults (see docs/api.md, "Savings"). */
final class VaultViews {

    /** Money in answers and requests: payments' schemas, so that a client has one Money type. */
    static final String MONEY = "#/components/schemas/Money";
    static final String MONEY_INPUT = "#/components/schemas/MoneyInput";

    private VaultViews() {
    }

    /** Money as the API writes it; {@code amount} is a decimal string (described by payments' Money and MoneyInput). */
    record MoneyJson(Object amount, String currency) {

        static MoneyJson of(long cents) {
            return new MoneyJson(Money.eur(cents).decimal(), "EUR");
        }

        static long cents(MoneyJson money) {
            if (money == null) {
                throw io.piaf.common.ProblemException.badRequest("invalid_amount",
                        "An amount is required: {\"amount\":\"12.50\",\"currency\":\"EUR\"}.");
            }
            return Money.fromApi(money.amount(), money.currency()).minorUnits();
        }
    }

    @Schema(name = "VaultGoal")
    record GoalView(
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) MoneyJson amount,
            @Schema(format = "date", description = "The day it should be reached by") String date) {
    }

    @Schema(name = "VaultRoundUps", description = "Round-ups of spending out of the wallet into this vault (one vault per user)")
    record RoundUpsView(
            @Schema(requiredMode = RequiredMode.REQUIRED) boolean enabled,
            @Schema(minimum = "1", maximum = "10", description = "When enabled: the change is saved this many times") Integer multiplier) {
    }

    @Schema(name = "VaultSchedule", description = "Scheduled saving from the wallet, shortly after midnight (Europe/Paris)")
    record ScheduleView(
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) MoneyJson amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "WEEKLY", "MONTHLY" }) String frequency,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1", maximum = "31",
                    description = "WEEKLY: 1 (Monday) to 7; MONTHLY: 1 to 31, a shorter month's last day past its end") int day,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date") String nextRun,
            @Schema(format = "date") String lastRun,
            @Schema(allowableValues = { "SAVED", "SKIPPED" }, description = "SKIPPED: the wallet held too little") String lastOutcome) {
    }

    @Schema(name = "VaultAccruedInterest", description = "Interest accrued and not yet credited, to 8 decimals: shown, never paid as is")
    record AccruedJson(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[0-9]+\\.[0-9]{8}$", maxLength = 30, example = "0.10958904")
            String amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = "EUR") String currency) {
    }

    @Schema(name = "Vault", description = "A savings vault: money apart from the wallet, in a ledger account of its own")
    record VaultView(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, minLength = 1, maxLength = VaultName.MAX) String name,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "OPEN", "CLOSED" }) String status,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) MoneyJson balance,
            GoalView goal,
            @Schema(minimum = "0", maximum = "100", description = "With a goal: whole percent toward it, rounded down, 100 once reached")
            Integer progress,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY, description = "Interest credited so far") MoneyJson interestEarned,
            @Schema(requiredMode = RequiredMode.REQUIRED, implementation = AccruedJson.class) MoneyJson interestAccrued,
            @Schema(requiredMode = RequiredMode.REQUIRED) RoundUpsView roundUps,
            ScheduleView schedule,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String createdAt,
            @Schema(format = "date-time") String closedAt) {
    }

    @Schema(name = "VaultList")
    record Vaults(
            @ArraySchema(maxItems = VaultStore.LIST_MAX, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED,
                    description = "Open vaults first, newest first; then closed ones, newest first"),
                    schema = @Schema(implementation = VaultView.class)) List<VaultView> items) {
    }

    @Schema(name = "VaultMove", description = "Money moved between the wallet and a vault")
    record MoveView(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String vaultId,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "DEPOSIT", "WITHDRAWAL" }) String kind,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) MoneyJson amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY, description = "The vault's balance after the move") MoneyJson vaultBalance,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY, description = "The wallet's balance after the move") MoneyJson walletBalance,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String createdAt) {
    }

    @Schema(name = "VaultTransaction", description = "A line of a vault's history")
    record TransactionView(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "DEPOSIT", "WITHDRAWAL", "ROUND_UP", "SCHEDULED", "INTEREST" })
            String kind,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY, description = "Signed: negative out of the vault") MoneyJson amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) MoneyJson balanceAfter,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date",
                    description = "The day it counts from for interest (Europe/Paris)") String valueDate,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String createdAt) {
    }

    @Schema(name = "VaultTransactionPage")
    record Transactions(
            @ArraySchema(maxItems = ApiFormats.PAGE_MAX, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED),
                    schema = @Schema(implementation = TransactionView.class)) List<TransactionView> items,
            @Schema(pattern = ApiFormats.CURSOR, maxLength = ApiFormats.CURSOR_MAX, description = "Absent on the last page")
            String nextCursor) {
    }

    static VaultView of(VaultRow v) {
        var goal = v.goal() == null ? null
                : new GoalView(MoneyJson.of(v.goal().cents()), v.goal().date() == null ? null : v.goal().date().toString());
        var s = v.schedule();
        var schedule = s == null ? null : new ScheduleView(MoneyJson.of(s.rule().cents()), s.rule().frequency().name(), s.rule().day(),
                s.nextRun().toString(), s.lastRun() == null ? null : s.lastRun().toString(), s.lastOutcome());
        // Interest accrued and not yet credited, finer than the cent: shown, never rounded into the balance.
        var accrued = new MoneyJson(v.interest().cents().movePointLeft(2).setScale(8, java.math.RoundingMode.DOWN).toPlainString(), "EUR");
        return new VaultView(v.id().toString(), v.name(), v.open() ? "OPEN" : "CLOSED", MoneyJson.of(v.balance()), goal,
                v.goal() == null ? null : v.goal().progress(v.balance()), MoneyJson.of(v.interestEarned()),
                v.open() ? accrued : new MoneyJson(BigDecimal.ZERO.setScale(8).toPlainString(), "EUR"),
                new RoundUpsView(v.roundUpMultiplier() != null, v.roundUpMultiplier()), schedule,
                v.createdAt().toString(), v.closedAt() == null ? null : v.closedAt().toString());
    }

    static TransactionView of(MovementStore.Movement m) {
        return new TransactionView(m.id().toString(), m.kind().name(), MoneyJson.of(m.amount()), MoneyJson.of(m.balanceAfter()),
                m.valueDay().toString(), m.at().toString());
    }

}
