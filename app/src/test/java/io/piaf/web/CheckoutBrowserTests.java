package io.piaf.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;

import io.piaf.commerce.internal.domain.WebhookSignatures;
import io.piaf.testing.Api;
import io.piaf.testing.Commerce;
import io.piaf.testing.SampleMerchant;
import io.piaf.testing.Wallets;

/**
 * A shop creates a checkout session for a basket; a Piaf user opens its URL in the web app, sees the shop, the items
 * and the total, mistypes the PIN, pays with the right one and gets back to the shop; the shop receives a webhook
 * that verifies, and the buyer's balance dropped by the total. The whole journey with the sample merchant program:
 * from its shop page to Piaf's checkout and back to its order page, paid, then partly refunded, which the payer sees.
 */
class CheckoutBrowserTests extends BrowserTestSupport {

    @Autowired
    Api api;

    @Test
    void a_user_pays_a_merchants_basket_in_the_web_app_with_the_pin() throws Exception {
        var commerce = new Commerce(api);
        var wallets = new Wallets(api);
        try (var receiver = new Commerce.Receiver()) {
            var shop = commerce.merchant("Boulangerie Piaf");
            var endpoint = commerce.endpoint(shop, receiver.url());
            var session = commerce.session(shop, "1.20", 5);
            var id = (String) session.get("id");
            var page = newPage("en-GB");
            var buyer = signUp(page, "buyer", "Buyer");
            var user = new Api.User(null, buyer.handle(), api.token(buyer.handle(), buyer.password()));
            api.put(user, "/api/me/pin", Map.of("pin", Wallets.PIN, "password", buyer.password())).exchange().expectStatus().isNoContent();
            wallets.topUp(user, "20.00");

            step("The buyer opens the session's URL and sees the shop, the basket and the total", () -> {
                page.navigate(((String) session.get("url")).replaceFirst("^https?://[^/]+", ""));
                assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Pay Boulangerie Piaf"))).isVisible();
                assertThat(page.getByTestId("checkout-items")).containsText("5 × Croissant");
                assertThat(page.getByTestId("checkout-amount")).hasText(text("€6\\.00|6\\.00\\s€"));
                assertAccessible(page, "checkout");
                page.getByTestId("checkout-qr").locator("summary").click(); // to pay on a phone instead
                assertThat(page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("QR code of the checkout of Boulangerie Piaf"))).isVisible();
            });

            step("A wrong PIN is refused with the attempts left; nothing is paid", () -> {
                page.getByLabel("PIN", new Page.GetByLabelOptions().setExact(true)).fill("1357");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(text("^Pay "))).click();
                assertThat(page.getByTestId("attempts-left")).containsText("Wrong PIN");
                assertThat(wallets.balance(user)).isEqualTo("20.00");
            });

            step("The right PIN pays, and the way back leads to the shop's success page", () -> {
                page.getByLabel("PIN", new Page.GetByLabelOptions().setExact(true)).fill(Wallets.PIN);
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(text("^Pay "))).click();
                assertThat(page.getByTestId("checkout-done")).containsText("Boulangerie Piaf");
                assertThat(page.getByTestId("checkout-return")).hasAttribute("href", "https://shop.example/thanks");
                assertThat(wallets.balance(user)).isEqualTo("14.00");
            });

            step("The shop receives a signed webhook for the completed session", () -> {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.received.isEmpty());
                var webhook = receiver.received.getFirst();
                assertThat(webhook.body()).contains("checkout.session.completed").contains(id);
                assertThat(WebhookSignatures.verify(webhook.signature(), webhook.body(), (String) endpoint.get("secret"), Instant.now())).isTrue();
            });
        }
    }

    @Test
    void a_merchant_owner_reads_sessions_and_deliveries_sends_a_test_event_and_rotates_the_secret_in_the_dashboard() throws Exception {
        var commerce = new Commerce(api);
        var wallets = new Wallets(api);
        try (var receiver = new Commerce.Receiver()) {
            var shop = commerce.merchant("Fromagerie Piaf");
            commerce.endpoint(shop, receiver.url());
            var id = (String) commerce.session(shop, "4.50", 2).get("id");
            commerce.pay(wallets.payer("cheese", "20.00"), id, Wallets.PIN).expectStatus().isOk();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.received.isEmpty());
            var page = newPage("en-GB");

            step("The owner signs in and opens Merchants: the merchant, its paid checkout and the delivered webhook", () -> {
                page.navigate("/signin");
                page.locator("input[name=handle]").fill(shop.owner().handle());
                page.locator("input[name=password]").fill(shop.owner().password());
                page.locator("form button[type=submit]").click();
                assertThat(page.getByRole(AriaRole.NAVIGATION)).isVisible();
                page.navigate("/merchants");
                assertThat(page.getByTestId("merchant-client-id")).hasText(shop.clientId());
                assertThat(page.getByTestId("merchant-session")).containsText("paid");
                assertThat(page.getByTestId("merchant-session")).containsText(text("9\\.00"));
                assertThat(page.getByTestId("merchant-delivery")).containsText("Delivered");
                assertAccessible(page, "merchants");
            });

            step("Send test event: a signed webhook.test reaches the endpoint and is delivered in the log", () -> {
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send test event")).click();
                assertThat(page.getByTestId("merchant-delivery").filter(new Locator.FilterOptions().setHasText("webhook.test")))
                        .containsText("Delivered");
                assertThat(receiver.received.getLast().body()).contains("\"type\":\"webhook.test\"");
            });

            step("The balance is paid out by itself every day once the owner chooses a daily schedule", () -> {
                assertThat(page.getByTestId("merchant-balance")).containsText(text("9\\.00"));
                page.getByLabel("Payout schedule").selectOption("daily");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save schedule")).click();
                assertThat(page.getByTestId("merchant-next-payout"))
                        .containsText(java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).plusDays(1).toString());
            });

            step("A new client secret is shown once, and it works", () -> {
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New client secret")).click();
                var secret = page.getByTestId("merchant-new-secret").textContent();
                commerce.token(shop.clientId(), secret, null);
            });
        }
    }

    @Test
    void a_shopper_pays_the_sample_merchant_in_piaf_and_sees_the_merchants_partial_refund() throws Exception {
        var commerce = new Commerce(api);
        var shop = commerce.merchant("Boulangerie Piaf");
        try (var sample = SampleMerchant.start(commerce, shop, port)) {
            var page = newPage("en-GB");
            var shopper = signUp(page, "shopper", "Shopper");
            var user = new Api.User(null, shopper.handle(), api.token(shopper.handle(), shopper.password()));
            api.put(user, "/api/me/pin", Map.of("pin", Wallets.PIN, "password", shopper.password())).exchange().expectStatus().isNoContent();
            new Wallets(api).topUp(user, "20.00");
            // The test server's piaf.commerce.app-url names port 0 (its port is random, known once it listens): the
            // sample's redirect to the session's url is pointed at the real port, as PIAF_APP_URL would in a deployment.
            page.route(sample.url() + "/checkout", route -> {
                var answer = route.fetch(new Route.FetchOptions().setMaxRedirects(0));
                var headers = new java.util.HashMap<>(answer.headers());
                headers.put("location", headers.get("location").replaceFirst("^http://localhost:0/", base() + "/"));
                route.fulfill(new Route.FulfillOptions().setResponse(answer).setHeaders(headers));
            });

            step("The shopper fills a basket at the sample shop and is sent to Piaf's checkout", () -> {
                page.navigate(sample.url() + "/");
                page.locator("input[name=Croissant]").fill("2");
                page.locator("input[name=Baguette]").fill("1");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay with Piaf")).click();
                assertThat(page).hasURL(text("^" + base() + "/checkout/[0-9a-f-]{36}$"));
                assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Pay Boulangerie Piaf"))).isVisible();
                assertThat(page.getByTestId("checkout-amount")).hasText(text("€3\\.50|3\\.50\\s€"));
            });

            step("The shopper pays with the PIN and goes back to the shop, whose order the verified webhook marked paid", () -> {
                page.getByLabel("PIN", new Page.GetByLabelOptions().setExact(true)).fill(Wallets.PIN);
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(text("^Pay "))).click();
                page.getByTestId("checkout-return").click();
                assertThat(page).hasURL(text("^" + sample.url() + "/orders/ord_"));
                reloadUntil(page, "PAID");
            });

            step("The shop refunds 1.20 EUR of the 3.50", () -> {
                page.getByLabel("Amount to refund (EUR)").fill("1.20");
                // the shop answers once Piaf answered its refund call: on a loaded machine, longer than the default 15 s
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Refund")).click(new Locator.ClickOptions().setTimeout(60_000));
                reloadUntil(page, "refunded 1.20 EUR");
                assertThat(page.locator("#status")).hasText("PAID"); // part of it: still paid
            });

            step("The shopper sees the refund in Piaf: the notification and the wallet", () -> {
                page.navigate("/notifications");
                assertThat(page.getByText(text("Boulangerie Piaf refunded €1\\.20 of your purchase")).first()).isVisible();
                page.navigate("/wallet");
                assertThat(page.getByTestId("wallet-balance")).hasText(text("€17\\.70"));
            });
        }
    }

    /** The sample's order page is plain HTML that the webhook changes on the server: reload it until it says so. */
    private static void reloadUntil(Page page, String expected) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            if (page.content().contains(expected)) {
                return true;
            }
            page.reload();
            return false;
        });
    }
}
