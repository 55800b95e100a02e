package io.piaf.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.piaf.savings.internal.SavingsTestSupport;
import io.piaf.testing.Api;
import io.piaf.testing.MovableClock;
import io.piaf.testing.Wallets;

/**
 * The savings journey in the browser: Alice opens a vault with a goal, moves money in, turns on round-ups, pays Bob
 * and sees the round-up land in the vault; a month later the interest job has credited exactly what the rule says,
 * she is told, and she reads it on the vault. Then a schedule on the 31st, and closing the vault in French.
 */
class SavingsJourneyBrowserTests extends BrowserTestSupport {

    @Autowired Api api;
    @Autowired MovableClock clock;
    @Autowired ApplicationContext context;

    @Test
    void alice_saves_toward_a_goal_with_round_ups_and_earns_interest() {
        var bob = api.signUp("bob");
        var page = newPage("en-GB");
        var alice = signUp(page, "alice", "Alice Martin");
        var aliceApi = new Api.User(null, alice.handle(), api.token(alice.handle(), alice.password()));
        var wallets = new Wallets(api);
        wallets.setPin(aliceApi);
        wallets.topUp(aliceApi, "1000.00");
        var opened = clock.today();

        step("Alice opens a vault 'Holidays' with a goal of €1,000 from the Savings screen", () -> {
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Savings")).first().click();
            assertThat(page.getByText("No vault yet")).isVisible();
            assertThat(page.getByTestId("savings-rate")).containsText("a year");
            byLabel(page, "Name").fill("Holidays");
            byLabel(page, "Goal (optional)").fill("1000");
            button(page, "^Open vault$").click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Holidays").setLevel(1))).isVisible();
            assertThat(page.getByTestId("vault-balance")).hasText("€0.00");
            assertThat(page.getByTestId("goal-progress")).containsText("0 % of €1,000.00");
        });

        step("she moves €900 in and sees the progress", () -> {
            byLabel(page, "Amount").first().fill("900");
            button(page, "^Save €900\\.00$").click();
            assertThat(page.getByTestId("move-done")).hasText("€900.00 moved into the vault.");
            assertThat(page.getByTestId("vault-balance")).hasText("€900.00");
            assertThat(page.getByTestId("goal-progress")).containsText("90 % of €1,000.00");
            assertThat(page.getByTestId("nav-balance")).containsText("€100.00");
            assertAccessible(page, "vault");
        });

        step("she turns on round-ups ×2", () -> {
            page.getByLabel("Round up my payments into this vault").check();
            page.getByLabel("Multiplier").selectOption("2");
            button(page, "^Save round-ups$").click();
            assertThat(page.getByText("Saved.")).isVisible();
        });

        step("she pays Bob €12.30 and €1.40 of round-up lands in the vault", () -> {
            page.navigate("/pay/new?to=" + bob.handle());
            byLabel(page, "Amount").fill("12.30");
            button(page, "^Continue$").click();
            byLabel(page, "PIN").fill(Wallets.PIN);
            button(page, "^Pay €12\\.30$").click();
            assertThat(page.getByTestId("payment-done")).isVisible();
            page.navigate("/savings");
            var card = page.getByTestId("vault-card").filter(new Locator.FilterOptions().setHasText("Holidays"));
            awaitAfterReloads(page, card, "€901.40");
            assertThat(card).containsText("Round-ups ×2");
            card.click();
            assertThat(page.getByTestId("vault-history").locator("li").first()).containsText("Round-up");
            assertThat(page.getByTestId("vault-history").locator("li").first()).containsText("+€1.40");
        });

        step("a month later the interest job has credited exactly what the rule says, and she is told", () -> {
            var creditedThrough = opened.withDayOfMonth(1).plusMonths(2);
            clock.travelTo(creditedThrough);
            SavingsTestSupport.runJobs(context);
            var expected = SavingsTestSupport.interestCents(context, opened, Map.of(opened, 901_40L), creditedThrough.minusDays(1));
            var euros = String.format("€%d.%02d", expected / 100, expected % 100);
            page.reload();
            assertThat(page.getByTestId("interest-earned")).containsText("Interest earned " + euros);
            assertThat(page.getByTestId("vault-history")).containsText("Interest");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(text("^Notifications"))).first().click();
            assertThat(page.getByTestId("notification").filter(new Locator.FilterOptions().setHasText("of interest paid into Holidays")).first())
                    .isVisible();
        });

        step("in French, she schedules 25 € on the 31st of each month, then closes the vault and gets everything back", () -> {
            page.evaluate("localStorage.setItem('piaf.lang', 'fr')");
            page.navigate("/savings");
            page.getByTestId("vault-card").filter(new Locator.FilterOptions().setHasText("Holidays")).click();
            page.getByLabel("Chaque mois").check();
            page.getByLabel("Jour", new Page.GetByLabelOptions().setExact(true)).selectOption("31");
            assertThat(page.getByText("Les mois plus courts, le dernier jour du mois.")).isVisible();
            page.locator("input[name=schedule-amount]").fill("25");
            button(page, "^Enregistrer la programmation$").click();
            assertThat(page.getByTestId("schedule-summary")).containsText("25,00");
            button(page, "^Fermer ce coffre$").click();
            button(page, "^Fermer et récupérer l'argent$").click();
            assertThat(page.getByTestId("vault-balance")).hasText(text("^0,00\\s€$"));
            assertThat(page.getByText("Fermé le")).isVisible();
        });
    }

    /** The vault screen does not update by itself: reload until the round-up (an event away) shows. */
    private static void awaitAfterReloads(Page page, Locator card, String text) {
        for (var i = 0; i < 20; i++) {
            if (card.textContent().contains(text)) {
                return;
            }
            page.waitForTimeout(500);
            page.reload();
            card.first().waitFor();
        }
        assertThat(card).containsText(text);
    }
}
