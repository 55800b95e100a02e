package io.piaf.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.piaf.testing.Api;

/**
 * The issue's journey, end to end in two browsers against the real deployable: Alice (French) and Bob (English) sign
 * up; Alice follows Bob, sets her PIN, tops up with the sandbox test card, posts {@code #envoyer 12,50€ @bob merci},
 * confirms with her PIN and sees her balance drop; Bob, who never reloads, gets the notification and the receipt live;
 * a follower of Alice sees the receipt without its amount; Alice pays in a direct message; three wrong PINs lock her
 * PIN and cancel the payment, and no money moves.
 */
class PayByPostJourneyBrowserTests extends BrowserTestSupport {

    static final String PIN = "2468";

    @Autowired
    Api api;

    @Test
    void alice_pays_bob_by_post_and_bob_sees_it_live() {
        var bobPage = newPage("en-GB");
        var bob = signUp(bobPage, "bob", "Bob Durand");
        var alicePage = newPage("fr-FR");
        var alice = signUp(alicePage, "alice", "Alice Martin");

        step("Alice follows Bob from his profile", () -> {
            alicePage.navigate("/u/" + bob.handle());
            var follow = alicePage.getByTestId("follow-button");
            assertThat(follow).hasText("Suivre");
            follow.click();
            assertThat(follow).hasAttribute("aria-pressed", "true");
            assertThat(follow).containsText("Abonné");
            assertThat(alicePage.getByTestId("followers-count")).hasText("1");
        });

        step("Bob is told live that Alice follows him: the unread badge appears without a reload", () -> {
            assertThat(bobPage.getByTestId("unread-badge")).isVisible();
            assertThat(bobPage.getByTestId("toast").filter(new Locator.FilterOptions().setHasText("@" + alice.handle() + " followed you")))
                    .isVisible();
        });

        step("Alice sets her PIN", () -> {
            alicePage.navigate("/settings");
            byLabel(alicePage, "Nouveau code").fill(PIN);
            byLabel(alicePage, "Répétez le nouveau code").fill(PIN);
            byLabel(alicePage, "Votre mot de passe").fill(alice.password());
            button(alicePage, "^Choisir le code$").click();
            assertThat(alicePage.getByText("Code enregistré.")).isVisible();
        });

        step("Alice and Bob let their followers see their payments (private by default)", () -> {
            alicePage.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Abonnés")).check();
            assertThat(alicePage.getByText("Enregistré.", new Page.GetByTextOptions().setExact(true))).isVisible();
            bobPage.navigate("/settings");
            bobPage.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Followers")).check();
            assertThat(bobPage.getByText("Saved.", new Page.GetByTextOptions().setExact(true))).isVisible();
            bobPage.navigate("/");
        });

        step("Alice tops up 50 € with the sandbox test card", () -> {
            alicePage.navigate("/wallet");
            assertThat(alicePage.getByTestId("wallet-balance")).hasText(text("^0,00\\s€$"));
            byLabel(alicePage, "Montant").fill("50");
            button(alicePage, "Remplir avec la carte de test").click();
            button(alicePage, "^Ajouter 50,00\\s€$").click();
            assertThat(alicePage.getByTestId("top-up-done")).hasText(text("50,00\\s€ ajoutés avec .*4242"));
            assertThat(alicePage.getByTestId("wallet-balance")).hasText(text("^50,00\\s€$"));
        });

        step("Alice posts '#envoyer 12,50€ @bob merci' and lands on the confirmation screen", () -> {
            alicePage.navigate("/");
            assertThat(alicePage.getByText("#envoyer 12,50€ @bob merci").first()).isVisible();
            byLabel(alicePage, "Nouvelle publication").fill("#envoyer 12,50€ @" + bob.handle() + " merci");
            button(alicePage, "^Publier$").click();
            assertThat(alicePage).hasURL(text(".*/pay/[0-9a-f-]{36}$"));
            assertThat(alicePage.getByTestId("confirm-amount")).hasText(text("^12,50\\s€$"));
            assertThat(alicePage.getByTestId("confirm-payee")).containsText("@" + bob.handle());
            assertThat(alicePage.getByText("Après 3 codes erronés")).isVisible();
            assertThat(alicePage.getByTestId("confirm-visibility"))
                    .containsText("Qui voit ce paiement : vos abonnés et ceux de @" + bob.handle());
        });

        step("Alice confirms with her PIN and sees her balance drop", () -> {
            byLabel(alicePage, "Code").fill(PIN);
            button(alicePage, "^Payer 12,50\\s€$").click();
            assertThat(alicePage.getByTestId("payment-done")).containsText(text("Vous avez payé 12,50\\s€ à @" + bob.handle()));
            assertThat(alicePage.getByTestId("new-balance")).hasText(text("^37,50\\s€$"));
            alicePage.navigate("/wallet");
            assertThat(alicePage.getByTestId("wallet-balance")).hasText(text("^37,50\\s€$"));
            assertThat(alicePage.getByTestId("wallet-history")).containsText("@" + bob.handle());
        });

        step("Bob, without reloading, gets the payment notification and the receipt with its amount", () -> {
            assertThat(bobPage.getByTestId("toast").filter(new Locator.FilterOptions().setHasText(text("paid you €12\\.50"))))
                    .isVisible();
            var receipt = bobPage.getByTestId("receipt").filter(new Locator.FilterOptions().setHasText("@" + alice.handle() + " paid @" + bob.handle()));
            assertThat(receipt).isVisible();
            assertThat(receipt.getByTestId("receipt-amount")).hasText("€12.50");
            assertThat(receipt).containsText("merci");
            bobPage.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(text("^Notifications"))).click();
            assertThat(bobPage.getByTestId("notification").first()).containsText("@" + alice.handle() + " paid you €12.50");
            assertThat(bobPage.getByTestId("unread-badge")).hasCount(0);
        });

        step("a follower of Alice sees the receipt in the timeline, without the amount", () -> {
            var carol = api.signUp("carol");
            api.put(carol, "/api/users/" + alice.handle() + "/follow", java.util.Map.of()).exchange().expectStatus().isNoContent();
            var carolPage = newPage("en-GB");
            carolPage.navigate("/signin");
            byLabel(carolPage, "Handle").fill(carol.handle());
            byLabel(carolPage, "Password").fill("password-" + carol.handle());
            button(carolPage, "^Sign in$").click();
            var receipt = carolPage.getByTestId("receipt").filter(new Locator.FilterOptions().setHasText("@" + alice.handle() + " paid @" + bob.handle()));
            assertThat(receipt).isVisible();
            assertThat(receipt.getByTestId("receipt-amount-hidden")).isVisible();
            assertThat(receipt.getByTestId("receipt-amount")).hasCount(0);
            assertThat(receipt).not().containsText("12");
        });

        step("Alice pays Bob 2 € from their direct messages", () -> {
            alicePage.navigate("/messages/" + bob.handle());
            byLabel(alicePage, "Écrivez un message").fill("#envoyer 2€ pour le café");
            button(alicePage, "^Envoyer$").click();
            assertThat(alicePage).hasURL(text(".*/pay/[0-9a-f-]{36}$"));
            assertThat(alicePage.getByTestId("confirm-amount")).hasText(text("^2,00\\s€$"));
            assertThat(alicePage.getByTestId("confirm-payee")).containsText("@" + bob.handle());
            byLabel(alicePage, "Code").fill(PIN);
            button(alicePage, "^Payer 2,00\\s€$").click();
            assertThat(alicePage.getByTestId("new-balance")).hasText(text("^35,50\\s€$"));
        });

        step("three wrong PINs cancel the payment, lock the PIN and explain it; no money moves", () -> {
            alicePage.navigate("/");
            byLabel(alicePage, "Nouvelle publication").fill("#envoyer 5€ @" + bob.handle());
            button(alicePage, "^Publier$").click();
            assertThat(alicePage).hasURL(text(".*/pay/[0-9a-f-]{36}$"));
            var pin = byLabel(alicePage, "Code");
            pin.fill("0000");
            button(alicePage, "^Payer 5,00\\s€$").click();
            assertThat(alicePage.getByTestId("attempts-left")).hasText("Code erroné. Encore 2 essais.");
            pin.fill("0000");
            button(alicePage, "^Payer 5,00\\s€$").click();
            assertThat(alicePage.getByTestId("attempts-left")).containsText("Plus qu'un essai");
            pin.fill("0000");
            button(alicePage, "^Payer 5,00\\s€$").click();
            var locked = alicePage.getByTestId("pin-locked");
            assertThat(locked).containsText("Code bloqué");
            assertThat(locked).containsText("ce paiement a été annulé et aucun argent n'a bougé");
            alicePage.navigate("/wallet");
            assertThat(alicePage.getByTestId("wallet-balance")).hasText(text("^35,50\\s€$"));
        });
    }
}
