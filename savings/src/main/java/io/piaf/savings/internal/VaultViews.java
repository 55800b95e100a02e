package io.piaf.savings.internal;

import java.math.BigDecimal;

import java.util.List;

import io.piaf.savings.internal.domain.Cents;

/** The API's JSON shapes for vaults (see docs/api.md, "Savings"). */
final class VaultViews {

    private VaultViews() {
    }

    /** Money as the API writes it; {@code amount} is a decimal string. */
    record MoneyJson(Object amount, String currency) {

        static MoneyJson of(long cents) {
            return new MoneyJson(Cents.format(cents), "EUR");
        }

        static long cents(MoneyJson money) {
            if (money == null) {
                throw io.piaf.common.ProblemException.badRequest("invalid_amount",
                        "An amount is required: {\"amount\":\"12.50\",\"currency\":\"EUR\"}.");
            }
            return Cents.parse(money.amount(), money.currency());
        }
    }

    record GoalView(MoneyJson amount, String date) {
    }

    record RoundUpsView(boolean enabled, Integer multiplier) {
    }

    record ScheduleView(MoneyJson amount, String frequency, int day, String nextRun, String lastRun, String lastOutcome) {
    }

    record VaultView(String id, String name, String status, MoneyJson balance, GoalView goal, Integer progress,
            MoneyJson interestEarned, MoneyJson interestAccrued, RoundUpsView roundUps, ScheduleView schedule,
            String createdAt, String closedAt) {
    }

    record Vaults(List<VaultView> items) {
    }

    record MoveView(String id, String vaultId, String kind, MoneyJson amount, MoneyJson vaultBalance, MoneyJson walletBalance,
            String createdAt) {
    }

    record TransactionView(String id, String kind, MoneyJson amount, MoneyJson balanceAfter, String valueDate, String createdAt) {
    }

    record Transactions(List<TransactionView> items, String nextCursor) {
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
