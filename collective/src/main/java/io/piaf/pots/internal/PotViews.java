package io.piaf.pots.internal;

import java.time.Instant;
import java.util.List;

import io.piaf.identity.UserId;
import io.piaf.pots.internal.domain.ContributionPrivacy;
import io.piaf.pots.internal.domain.PotAmounts;
import io.piaf.pots.internal.domain.PotRules;

/** What the API shows of pots. Every contribution goes through {@link ContributionPrivacy} before it is shown. */
final class PotViews {

    record MoneyView(String amount, String currency) {

        static MoneyView of(Long cents) {
            return cents == null ? null : new MoneyView(PotAmounts.format(cents), "EUR");
        }
    }

    /** {@code balance} is shown to the organiser only: what they may still withdraw. */
    record Pot(String id, String slug, String address, String title, String description, String organiser, String status,
            MoneyView total, MoneyView target, int contributors, Instant endsAt, String contributionVisibility,
            MoneyView balance, MoneyView withdrawn, Instant createdAt) {
    }

    /** {@code contributor} null: anonymous to this viewer; {@code amount} null: hidden from this viewer. */
    record ContributionView(String id, String contributor, boolean anonymous, MoneyView amount, String note, Instant at) {
    }

    record Page(List<ContributionView> items, String nextCursor) {
    }

    record Created(String id, String potId, String paymentId, String status, MoneyView amount, ChallengeView challenge,
            Instant expiresAt) {
    }

    record ChallengeView(MoneyView amount, String payee, String text) {
    }

    record WithdrawalView(String id, String potId, MoneyView amount, String transferId) {
    }

    private PotViews() {
    }

    static Pot of(PotRow p, UserId viewer, Long ledgerBalance) {
        var organiser = p.organiser().equals(viewer);
        return new Pot(p.id().toString(), p.slug(), "@pot/" + p.slug(), p.title(), p.description(), p.organiserHandle(),
                p.rules().status(Instant.now()).name(), MoneyView.of(p.collected()), MoneyView.of(p.target()), p.contributors(),
                p.endsAt(), p.visibility().name(), organiser ? MoneyView.of(ledgerBalance) : null,
                organiser ? MoneyView.of(p.withdrawn()) : null, p.createdAt());
    }

    static Pot statusOnly(PotRow p, UserId viewer) {
        return of(p, viewer, p.balance());
    }

    /** The contribution as {@code viewer} may see it, or null when they may not see it at all. */
    static ContributionView of(ContributionRow c, PotRow pot, ContributionPrivacy.Viewer viewer, UserId viewerId) {
        var own = c.contributor().equals(viewerId);
        var shown = ContributionPrivacy.show(pot.visibility(), viewer, own, c.contributorHandle(), c.amount(), c.anonymous(),
                c.hideAmount());
        if (shown == null) {
            return null;
        }
        // a note can name its writer or its amount: it shows only with both
        var note = shown.handle() == null || shown.amount() == null ? null : c.note();
        return new ContributionView(c.id().toString(), shown.handle(), c.anonymous(), MoneyView.of(shown.amount()), note, c.completedAt());
    }

    static Created created(PotService.Contribution c) {
        var p = c.payment();
        return new Created(c.id().toString(), c.pot().id().toString(), p.id().toString(), "PENDING_CONFIRMATION",
                MoneyView.of(p.amount().minorUnits()),
                new ChallengeView(MoneyView.of(p.amount().minorUnits()), p.payee(), p.challenge()), p.expiresAt());
    }

    static PotRules.Status status(PotRow p) {
        return p.rules().status(Instant.now());
    }
}
