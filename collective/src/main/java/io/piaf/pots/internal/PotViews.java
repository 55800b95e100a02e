package io.piaf.pots.internal;

import java.time.Instant;
import java.util.List;

import io.piaf.common.ApiFormats;
import io.piaf.identity.UserId;
import io.piaf.pots.internal.domain.ContributionPrivacy;
import io.piaf.pots.internal.domain.PotAmounts;
import io.piaf.pots.internal.domain.PotRules;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** What the API shows of pots. Every contribution goes through {@link ContributionPrivacy} before it is shown. */
final class PotViews {

    /** A pot's address is {@code @pot/<slug>}; its slug is 3 to 40 of a-z, 0-9 and '-' (see {@code Slugs}). */
    static final String SLUG = "^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$";
    static final String ADDRESS = "^@pot/[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$";
    /** What a path accepts: an id, or a slug in any case. */
    static final String SLUG_OR_ID = "^[A-Za-z0-9][A-Za-z0-9-]{1,38}[A-Za-z0-9]$";
    static final String MONEY = "#/components/schemas/Money";

    /** Written as payments' {@code Money} ({@code {"amount":"12.50","currency":"EUR"}}), which the description refers to. */
    record MoneyView(String amount, String currency) {

        static MoneyView of(Long cents) {
            return cents == null ? null : new MoneyView(PotAmounts.format(cents), "EUR");
        }
    }

    /** {@code balance} is shown to the organiser only: what they may still withdraw. */
    @Schema(name = "Pot", description = "A money pot; `balance` and `withdrawn` are shown to its organiser only")
    record Pot(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = SLUG, maxLength = 40) String slug,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ADDRESS, maxLength = 45, example = "@pot/anniv-lea",
                    description = "How a post names the pot") String address,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.TEXT, maxLength = 80) String title,
            @Schema(pattern = ApiFormats.TEXT, maxLength = 1000) String description,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX) String organiser,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "OPEN", "CLOSED" },
                    description = "CLOSED once the organiser closed it or its end passed") String status,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY, description = "All completed contributions") MoneyView total,
            @Schema(ref = MONEY, description = "The organiser's target, if any") MoneyView target,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "2147483647",
                    description = "How many completed contributions") int contributors,
            @Schema(format = "date-time", description = "When it stops taking contributions, if it ends") Instant endsAt,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "PUBLIC", "FOLLOWERS", "ORGANISER" },
                    description = "Who sees the list of contributions") String contributionVisibility,
            @Schema(ref = MONEY, description = "Organiser only: what the pot holds, which may be withdrawn") MoneyView balance,
            @Schema(ref = MONEY, description = "Organiser only: withdrawn so far") MoneyView withdrawn,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") Instant createdAt) {
    }

    /** {@code contributor} null: anonymous to this viewer; {@code amount} null: hidden from this viewer. */
    @Schema(name = "PotContribution", description = "A completed contribution as the viewer may see it")
    record ContributionView(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX, description = "Absent when hidden from the viewer")
            String contributor,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "The contributor asked not to be named") boolean anonymous,
            @Schema(ref = MONEY, description = "Absent when hidden from the viewer") MoneyView amount,
            @Schema(pattern = ApiFormats.LINE, maxLength = 280, description = "Shown only with both the name and the amount") String note,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time", description = "When it was confirmed") Instant at) {
    }

    @Schema(name = "PotContributionPage")
    record Page(
            @ArraySchema(maxItems = ApiFormats.PAGE_MAX, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED),
                    schema = @Schema(implementation = ContributionView.class)) List<ContributionView> items,
            @Schema(pattern = ApiFormats.CURSOR, maxLength = ApiFormats.CURSOR_MAX, description = "Absent on the last page") String nextCursor) {
    }

    @Schema(name = "PotContributionCreated", description = "A contribution waiting for the contributor's PIN: confirm its payment")
    record Created(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String potId,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid",
                    description = "Confirm with POST /api/payments/{paymentId}/confirm") String paymentId,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = "PENDING_CONFIRMATION") String status,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) MoneyView amount,
            @Schema(requiredMode = RequiredMode.REQUIRED) ChallengeView challenge,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") Instant expiresAt) {
    }

    @Schema(name = "PotChallenge", description = "What the contributor's PIN confirms: this amount into this pot")
    record ChallengeView(
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) MoneyView amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^pot/[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$", maxLength = 44,
                    example = "pot/anniv-lea") String payee,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, maxLength = 200,
                    example = "Pay 10.00 EUR to @pot/anniv-lea") String text) {
    }

    @Schema(name = "PotWithdrawal", description = "Money moved from the pot to the organiser's wallet")
    record WithdrawalView(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String potId,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) MoneyView amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid", description = "The ledger transfer") String transferId) {
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
