package io.piaf.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.piaf.testing.Api;

/**
 * A money pot in the web app: Léa (English) opens a pot with a target; Alice (French) opens its page, contributes by
 * the button with her name hidden, confirms with her PIN; Léa sees the progress bar move and the contribution without
 * a name, withdraws it all to her wallet and closes the pot.
 */
class PotJourneyBrowserTests extends BrowserTestSupport {

    static final String PIN = "2468";

    @Autowired
    Api api;

    @Test
    void a_pot_collects_by_button_and_its_organiser_withdraws_and_closes_it() {
        var leaPage = newPage("en-GB");
        var lea = signUp(leaPage, "lea", "Léa Petit");
        var alicePage = newPage("fr-FR");
        var alice = signUp(alicePage, "alice", "Alice Martin");
        var aliceApi = new Api.User(null, alice.handle(), api.token(alice.handle(), alice.password()));
        api.put(aliceApi, "/api/me/pin", Map.of("pin", PIN, "password", alice.password())).exchange().expectStatus().isNoContent();
        api.post(aliceApi, "/api/wallet/top-ups", Map.of("amount", Map.of("amount", "50.00", "currency", "EUR"),
                        "card", Map.of("number", "4242424242424242", "expMonth", 12, "expYear", 2035, "cvc", "123")))
                .header("Idempotency-Key", UUID.randomUUID().toString()).exchange().expectStatus().isCreated();
        var title = "Birthday " + UUID.randomUUID().toString().substring(0, 6);

        step("Léa opens a pot with a 50 € target and lands on its page", () -> {
            leaPage.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Pots")).first().click();
            byLabel(leaPage, "Title").fill(title);
            byLabel(leaPage, "Target in € (optional)").fill("50");
            button(leaPage, "^Open the pot$").click();
            assertThat(leaPage.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(title).setLevel(1))).isVisible();
            assertThat(leaPage.getByTestId("pot-total")).hasText(text("0\\.00 of .*50\\.00"));
            assertThat(leaPage.getByRole(AriaRole.PROGRESSBAR)).hasAttribute("aria-valuenow", "0");
            assertAccessible(leaPage, "pot");
        });
        var potPath = leaPage.url().substring(leaPage.url().indexOf("/pots/"));

        step("Alice contributes 20 € with her name hidden and confirms with her PIN", () -> {
            alicePage.navigate(potPath);
            assertThat(alicePage.getByTestId("pot-status")).hasText("Ouverte");
            byLabel(alicePage, "Votre participation en €").fill("20");
            alicePage.getByLabel("Masquer mon nom").check();
            button(alicePage, "^Participer$").click();
            byLabel(alicePage, "Code").fill(PIN);
            button(alicePage, "^Payer 20,00\\s€$").click();
            assertThat(alicePage.getByTestId("payment-done")).containsText(text("20,00\\s€ à @pot/"));
        });

        step("Léa sees the progress and the contribution without a name, withdraws it all and closes the pot", () -> {
            leaPage.reload();
            assertThat(leaPage.getByTestId("pot-total")).hasText(text("20\\.00 of .*50\\.00"));
            assertThat(leaPage.getByRole(AriaRole.PROGRESSBAR)).hasAttribute("aria-valuenow", "40");
            // the organiser sees who gave; everyone else would read "Someone"
            assertThat(leaPage.getByTestId("pot-contributions")).containsText("@" + alice.handle());
            button(leaPage, "^Withdraw to my wallet$").click();
            assertThat(leaPage.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("moved to your wallet"))).isVisible();
            assertThat(leaPage.getByTestId("pot-balance")).hasText(text("0\\.00"));
            button(leaPage, "^Close the pot$").click();
            assertThat(leaPage.getByTestId("pot-status")).hasText("Closed");
        });

        step("Alice still sees her own contribution, and the closed pot offers no contribute button", () -> {
            alicePage.navigate(potPath);
            assertThat(alicePage.getByTestId("pot-status")).hasText("Fermée");
            assertThat(button(alicePage, "^Participer$")).hasCount(0);
            assertThat(alicePage.getByTestId("pot-contributions")).containsText("@" + alice.handle());
        });
    }
}
