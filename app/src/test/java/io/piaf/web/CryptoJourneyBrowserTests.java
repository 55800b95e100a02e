package io.piaf.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

import io.piaf.testing.Api;

/**
 * The crypto journey in two browsers on the dev chain: Alice (English) buys EURP with her euros, sends some to @bob
 * with her PIN; Bob (French) sees them arrive confirmed, with the transaction hash, and sells them back for euros.
 */
class CryptoJourneyBrowserTests extends BrowserTestSupport {

    static final String PIN = "2468";

    @Autowired
    Api api;

    /** What waits for the chain (a mint, a transfer, a burn to be confirmed) gets a minute: the machine is shared. */
    private static final LocatorAssertions.HasTextOptions CHAIN = new LocatorAssertions.HasTextOptions().setTimeout(60_000);
    private static final LocatorAssertions.ContainsTextOptions CHAIN_CONTAINS = new LocatorAssertions.ContainsTextOptions().setTimeout(60_000);

    @Test
    void alice_buys_eurp_sends_some_to_bob_who_sells_them_back() {
        var alicePage = newPage("en-GB");
        var alice = signUp(alicePage, "alice", "Alice Martin");
        var bobPage = newPage("fr-FR");
        var bob = signUp(bobPage, "bob", "Bob Durand");
        var aliceApi = new Api.User(null, alice.handle(), api.token(alice.handle(), alice.password()));
        api.put(aliceApi, "/api/me/pin", Map.of("pin", PIN, "password", alice.password())).exchange().expectStatus().isNoContent();
        api.post(aliceApi, "/api/wallet/top-ups", Map.of("amount", Map.of("amount", "50.00", "currency", "EUR"),
                        "card", Map.of("number", "4242424242424242", "expMonth", 12, "expYear", 2035, "cvc", "123")))
                .header("Idempotency-Key", UUID.randomUUID().toString()).exchange().expectStatus().isCreated();

        step("Alice opens her crypto wallet: an address with a QR code, no EURP yet", () -> {
            alicePage.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Crypto")).first().click();
            assertThat(alicePage.getByTestId("crypto-address")).hasText(text("^0x[0-9a-fA-F]{40}$"));
            assertThat(alicePage.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("QR code of your address"))).isVisible();
            assertThat(alicePage.getByTestId("crypto-balance")).hasText(text("^0\\.00\\sEURP$"));
            assertAccessible(alicePage, "crypto");
        });

        step("Alice buys 30 EURP with her euros and sees them confirmed", () -> {
            byLabel(alicePage, "Amount in euros").fill("30");
            button(alicePage, "^Buy EURP$").click();
            assertThat(alicePage.getByTestId("crypto-balance")).hasText(text("^30\\.00\\sEURP$"), CHAIN);
            assertThat(alicePage.getByTestId("crypto-history").locator("li").first()).containsText("Bought EURP");
            assertThat(alicePage.getByTestId("crypto-history").locator("li").first()).containsText("Confirmed", CHAIN_CONTAINS);
        });

        step("Alice sends 12.50 EURP to @bob and confirms with her PIN", () -> {
            byLabel(alicePage, "To").fill("@" + bob.handle());
            byLabel(alicePage, "Amount in EURP").last().fill("12.50");
            button(alicePage, "^Continue$").click();
            assertThat(alicePage.getByTestId("crypto-challenge")).hasText("Send 12.50 EURP to @" + bob.handle());
            byLabel(alicePage, "PIN").fill(PIN);
            alicePage.getByTestId("crypto-confirm").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Confirm")).click();
            assertThat(alicePage.getByTestId("crypto-balance")).hasText(text("^17\\.50\\sEURP$"), CHAIN);
            var sent = alicePage.getByTestId("crypto-history").locator("li").first();
            assertThat(sent).containsText("Sent to @" + bob.handle());
            assertThat(sent).containsText("Confirmed", CHAIN_CONTAINS);
            assertThat(sent.locator(".crypto-hash")).hasText(text("^0x[0-9a-f]{8}…[0-9a-f]{6}$"));
        });

        step("Bob sees them arrive, confirmed, and sells them back for euros", () -> {
            bobPage.navigate("/crypto");
            assertThat(bobPage.getByTestId("crypto-balance")).hasText(text("^12,50\\sEURP$"), CHAIN);
            var received = bobPage.getByTestId("crypto-history").locator("li").first();
            assertThat(received).containsText("Reçu de @" + alice.handle());
            assertThat(received).containsText("Confirmé", CHAIN_CONTAINS);
            assertThat(received).containsText(text("[1-9][0-9]* confirmations?"));
            button(bobPage, "^Vendre$").click();
            byLabel(bobPage, "Montant en EURP").first().fill("12,50");
            button(bobPage, "^Vendre des EURP$").click();
            assertThat(bobPage.getByTestId("crypto-balance")).hasText(text("^0,00\\sEURP$"), CHAIN);
            bobPage.navigate("/wallet");
            assertThat(bobPage.getByTestId("wallet-balance")).hasText(text("^12,50\\s€$"), CHAIN);
        });

        step("Alice exports her private key with her PIN, hides it, and is told of the export", () -> {
            alicePage.getByText("Export private key").click();
            byLabel(alicePage, "PIN to export").fill(PIN);
            button(alicePage, "^Show my private key$").click();
            assertThat(alicePage.getByTestId("crypto-private-key")).hasText(text("^0x[0-9a-f]{64}$"));
            button(alicePage, "^Hide$").click();
            assertThat(alicePage.getByTestId("crypto-private-key")).hasCount(0);
            alicePage.navigate("/notifications");
            assertThat(alicePage.getByText("Your crypto account's private key was exported")).isVisible();
        });
    }
}
