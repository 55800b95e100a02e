package io.piaf.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.piaf.testing.Api;

/**
 * Takes the screenshots of the main screens shown in README.md (docs/screenshots), from a small realistic story played
 * against the real deployable. Not part of the normal run (it rewrites tracked images):
 * {@code ./piaf mvn -pl app -am verify -Dtest=ScreenshotsBrowserTests -Dpiaf.screenshots=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "piaf.screenshots", matches = "true")
class ScreenshotsBrowserTests extends BrowserTestSupport {

    static final Path OUT = Path.of("..", "docs", "screenshots");
    static final String PIN = "1357";

    @Autowired
    Api api;
    @Autowired
    io.piaf.testing.MovableClock clock;
    @Autowired
    org.springframework.context.ApplicationContext context;

    private final Map<String, String> handles = new HashMap<>();
    private final Map<String, String> tokens = new HashMap<>();

    /** Signs up @name if free (a fresh test database), else a unique variant; returns the handle. */
    private String user(String name, String displayName) {
        var handle = name;
        var status = api.http().post().uri("/api/auth/signup").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("handle", handle, "password", "password-" + name, "displayName", displayName))
                .exchange().returnResult(String.class).getStatus().value();
        if (status != 201) {
            handle = Api.uniqueHandle(name);
            api.http().post().uri("/api/auth/signup").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("handle", handle, "password", "password-" + name, "displayName", displayName))
                    .exchange().expectStatus().isCreated();
        }
        handles.put(name, handle);
        tokens.put(name, api.token(handle, "password-" + name));
        return handle;
    }

    private Api.User as(String name) {
        return new Api.User(null, handles.get(name), tokens.get(name));
    }

    private void call(String name, String method, String uri, Object body) {
        var request = api.http().method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri)
                .header("Authorization", "Bearer " + tokens.get(name))
                .header("Idempotency-Key", UUID.randomUUID().toString());
        (body == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body))
                .exchange().expectStatus().is2xxSuccessful();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> callFor(String name, String method, String uri, Object body) {
        return api.http().method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri)
                .header("Authorization", "Bearer " + tokens.get(name)).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().is2xxSuccessful().expectBody(Map.class).returnResult().getResponseBody();
    }

    private void topUp(String name, String amount) {
        call(name, "POST", "/api/wallet/top-ups", Map.of("amount", Map.of("amount", amount, "currency", "EUR"),
                "card", Map.of("number", "4242424242424242", "expMonth", 12, "expYear", 2030, "cvc", "123")));
    }

    private void pay(String from, String to, String amount, String note) {
        var payment = api.post(as(from), "/api/payments", Map.of("to", "@" + handles.get(to),
                        "amount", Map.of("amount", amount, "currency", "EUR"), "note", note))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        call(from, "POST", "/api/payments/" + payment.get("id") + "/confirm", Map.of("pin", PIN));
    }

    private void shot(Page page, String name) {
        page.waitForLoadState();
        page.waitForTimeout(400); // let entrance animations settle
        page.screenshot(new Page.ScreenshotOptions().setPath(OUT.resolve(name + ".png")));
    }

    /** Receipts arrive shortly after a payment completes: give them a moment, but take the picture either way. */
    private static void settle(com.microsoft.playwright.Locator locator) {
        try {
            locator.waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(5_000));
        } catch (com.microsoft.playwright.TimeoutError absent) {
            // the screenshot shows what there is
        }
    }

    private Page signIn(String name, String locale, int width, int height) {
        var page = newPage(locale, width, height);
        page.navigate("/signin");
        page.locator("input[name=handle]").fill(handles.get(name));
        page.locator("input[name=password]").fill("password-" + name);
        page.locator("form button[type=submit]").click();
        assertThat(page.getByRole(AriaRole.NAVIGATION)).isVisible();
        return page;
    }

    @Test
    void main_screens() throws Exception {
        Files.createDirectories(OUT);
        user("alice", "Alice Martin");
        user("bob", "Bob Durand");
        user("chloe", "Chloé Petit");
        for (var pair : new String[][] { { "alice", "bob" }, { "bob", "alice" }, { "chloe", "alice" }, { "alice", "chloe" }, { "chloe", "bob" } }) {
            call(pair[0], "PUT", "/api/users/" + handles.get(pair[1]) + "/follow", null);
        }
        for (var name : new String[] { "alice", "bob", "chloe" }) {
            call(name, "PUT", "/api/me/pin", Map.of("pin", PIN, "password", "password-" + name));
            // Payments are private by default; these friends show theirs to their followers.
            call(name, "PUT", "/api/me/settings", Map.of("paymentVisibility", "FOLLOWERS"));
        }
        // Alice approves who follows her; someone new asks.
        user("dan", "Dan Moreau");
        call("alice", "PUT", "/api/me/settings", Map.of("protected", true));
        call("dan", "PUT", "/api/users/" + handles.get("alice") + "/follow", null);
        topUp("alice", "80.00");
        topUp("chloe", "60.00");
        call("bob", "POST", "/api/posts", Map.of("text", "Who's up for a picnic at the Buttes-Chaumont on Sunday? #weekend"));
        call("chloe", "POST", "/api/posts", Map.of("text", "Booked the tickets for Friday's concert. Thanks @" + handles.get("alice") + " for the tip!"));
        pay("chloe", "bob", "20.00", "concert tickets");
        call("bob", "POST", "/api/conversations/" + handles.get("alice") + "/messages", Map.of("text", "Pizza was 25 € in total, half each?"));

        var signInPage = newPage("en-GB");
        signInPage.navigate("/signin");
        assertThat(signInPage.locator("h1")).isVisible();
        shot(signInPage, "sign-in");

        var alice = signIn("alice", "en-GB", WIDTH, HEIGHT);
        alice.getByLabel("New post").fill("Pizza night at Bob's was perfect, thank you!");
        alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post")).click();
        assertThat(alice.getByTestId("post").first()).isVisible();
        // The payment itself through the "Send money" screen (the same confirmation as pay by post).
        alice.navigate("/pay/new?to=" + handles.get("bob"));
        alice.getByLabel("Amount", new Page.GetByLabelOptions().setExact(true)).fill("12,50");
        alice.getByLabel("Note (optional)").fill("merci pour la pizza");
        alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        assertThat(alice.getByTestId("confirm-amount")).isVisible();
        alice.getByLabel("PIN", new Page.GetByLabelOptions().setExact(true)).fill(PIN);
        shot(alice, "confirm-payment");
        alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(text("^Pay "))).click();
        assertThat(alice.getByTestId("payment-done")).isVisible();
        shot(alice, "payment-sent");

        alice.navigate("/");
        assertThat(alice.getByTestId("post").first()).isVisible();
        settle(alice.getByTestId("receipt").nth(1));
        shot(alice, "home");
        alice.navigate("/wallet");
        assertThat(alice.getByTestId("wallet-history")).isVisible();
        shot(alice, "wallet");
        alice.navigate("/u/" + handles.get("bob"));
        assertThat(alice.getByTestId("follow-button")).isVisible();
        shot(alice, "profile");
        alice.navigate("/messages/" + handles.get("bob"));
        assertThat(alice.getByTestId("message").first()).isVisible();
        alice.getByLabel("Write a message").fill("Done! See you Sunday");
        alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
        assertThat(alice.getByTestId("message")).hasCount(2);
        shot(alice, "messages");
        alice.navigate("/settings");
        shot(alice, "settings");
        alice.getByTestId("follow-requests").scrollIntoViewIfNeeded();
        assertThat(alice.getByTestId("follow-request")).isVisible();
        shot(alice, "follow-requests");

        var trip = (String) callFor("alice", "POST", "/api/savings/vaults", Map.of("name", "Lisbon in July",
                "goal", Map.of("amount", Map.of("amount", "300.00", "currency", "EUR"), "date", "2099-07-01"))).get("id");
        call("alice", "POST", "/api/savings/vaults/" + trip + "/deposits", Map.of("amount", Map.of("amount", "45.00", "currency", "EUR")));
        call("alice", "PUT", "/api/savings/vaults/" + trip + "/round-ups", Map.of("enabled", true, "multiplier", 2));
        var rainy = (String) callFor("alice", "POST", "/api/savings/vaults", Map.of("name", "Rainy day")).get("id");
        call("alice", "POST", "/api/savings/vaults/" + rainy + "/deposits", Map.of("amount", Map.of("amount", "10.00", "currency", "EUR")));
        call("alice", "PUT", "/api/savings/vaults/" + rainy + "/schedule", Map.of("amount", Map.of("amount", "5.00", "currency", "EUR"),
                "frequency", "WEEKLY", "day", 5));
        pay("alice", "bob", "3.60", "coffee");
        // the round-up is an event away
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> api.get(as("alice"), "/api/savings/vaults/" + trip)
                .exchange().expectBody(String.class).returnResult().getResponseBody().contains("\"45.80\""));
        // Six weeks later, so that the vault shows interest credited by the job.
        clock.travelTo(clock.today().withDayOfMonth(1).plusMonths(2));
        io.piaf.savings.internal.SavingsTestSupport.runJobs(context);
        alice.navigate("/savings");
        settle(alice.getByTestId("vault-card").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("45.80")));
        alice.reload();
        assertThat(alice.getByTestId("vault-card").first()).isVisible();
        shot(alice, "savings");
        alice.getByTestId("vault-card").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Lisbon")).click();
        assertThat(alice.getByTestId("vault-history")).isVisible();
        shot(alice, "vault");

        var bob = signIn("bob", "en-GB", WIDTH, HEIGHT);
        bob.navigate("/notifications");
        assertThat(bob.getByTestId("notification").first()).isVisible();
        shot(bob, "notifications");

        var phone = signIn("chloe", "fr-FR", 390, 844);
        assertThat(phone.getByTestId("post").first()).isVisible();
        settle(phone.getByTestId("receipt").first());
        shot(phone, "home-phone-fr");
        phone.navigate("/wallet");
        assertThat(phone.getByTestId("wallet-balance")).isVisible();
        shot(phone, "wallet-phone-fr");

        phone.navigate("/pay/new?to=" + handles.get("alice"));
        phone.getByLabel("Montant", new Page.GetByLabelOptions().setExact(true)).fill("5");
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continuer")).click();
        var pin = phone.getByLabel("Code", new Page.GetByLabelOptions().setExact(true));
        pin.fill("0000");
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(text("^Payer "))).click();
        assertThat(phone.getByTestId("attempts-left")).isVisible();
        shot(phone, "wrong-pin-phone-fr");
        pin.fill("0000");
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(text("^Payer "))).click();
        assertThat(phone.getByTestId("attempts-left")).containsText("Plus qu'un essai");
        pin.fill("0000");
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(text("^Payer "))).click();
        assertThat(phone.getByTestId("pin-locked")).isVisible();
        shot(phone, "pin-locked-phone-fr");
    }

    @Test
    void collective_money() throws Exception {
        Files.createDirectories(OUT);
        user("lea", "Léa Petit");
        user("marc", "Marc Girard");
        user("nina", "Nina Roux");
        for (var name : new String[] { "lea", "marc", "nina" }) {
            call(name, "PUT", "/api/me/pin", Map.of("pin", PIN, "password", "password-" + name));
            topUp(name, "200.00");
        }
        // a pot with two contributions
        var pot = callFor("lea", "POST", "/api/pots", Map.of("title", "Anniversaire de Léa", "description", "Un cadeau commun pour ses 30 ans",
                "target", Map.of("amount", "120.00", "currency", "EUR")));
        for (var name : new String[] { "marc", "nina" }) {
            var contribution = callFor(name, "POST", "/api/pots/" + pot.get("id") + "/contributions",
                    Map.of("amount", Map.of("amount", name.equals("marc") ? "25.00" : "40.00", "currency", "EUR")));
            call(name, "POST", "/api/payments/" + contribution.get("paymentId") + "/confirm", Map.of("pin", PIN));
        }
        // a campaign with a reward tier and a pledge
        var campaign = callFor("marc", "POST", "/api/campaigns", Map.of("title", "Cuvée 2027", "description",
                "Help a small vineyard bottle its first vintage.", "goal", Map.of("amount", "500.00", "currency", "EUR"),
                "deadline", java.time.Instant.now().plus(java.time.Duration.ofDays(20)).toString(),
                "rewards", java.util.List.of(Map.of("title", "A bottle", "minimum", Map.of("amount", "25.00", "currency", "EUR"), "quantity", 50))));
        var pledge = callFor("nina", "POST", "/api/campaigns/" + campaign.get("id") + "/pledges",
                Map.of("amount", Map.of("amount", "60.00", "currency", "EUR")));
        call("nina", "POST", "/api/payments/" + pledge.get("paymentId") + "/confirm", Map.of("pin", PIN));
        // a split among two, one of them paid
        var request = callFor("lea", "POST", "/api/requests", Map.of("from", java.util.List.of(handles.get("marc"), handles.get("nina")),
                "split", Map.of("total", Map.of("amount", "45.00", "currency", "EUR")), "note", "Pizza"));
        var paid = callFor("nina", "POST", "/api/requests/" + request.get("id") + "/pay", Map.of());
        call("nina", "POST", "/api/payments/" + paid.get("paymentId") + "/confirm", Map.of("pin", PIN));

        var lea = signIn("lea", "fr-FR", WIDTH, HEIGHT);
        lea.navigate("/pots/" + pot.get("slug"));
        settle(lea.getByTestId("pot-contributions").locator("li").nth(1));
        shot(lea, "pot");
        lea.navigate("/campaigns/" + campaign.get("slug"));
        assertThat(lea.getByTestId("campaign-pledged")).containsText("60,00");
        shot(lea, "campaign");
        lea.navigate("/requests");
        settle(lea.getByTestId("requests-outgoing").getByText("Payée"));
        shot(lea, "requests");
        var marc = signIn("marc", "en-GB", WIDTH, HEIGHT);
        marc.navigate("/notifications");
        assertThat(marc.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay")).first()).isVisible();
        shot(marc, "request-notification");
    }

    @Test
    void crypto_wallet() throws Exception {
        Files.createDirectories(OUT);
        user("dana", "Dana Leroy");
        user("eli", "Eli Moreau");
        call("dana", "PUT", "/api/me/pin", Map.of("pin", PIN));
        topUp("dana", "100.00");
        call("dana", "POST", "/api/crypto/buys", Map.of("amount", Map.of("amount", "40.00", "currency", "EUR")));
        var dana = signIn("dana", "en-GB", WIDTH, HEIGHT);
        dana.navigate("/crypto");
        assertThat(dana.getByTestId("crypto-balance")).hasText(java.util.regex.Pattern.compile("^40\\.00\\sEURP$"));
        dana.getByLabel("To", new Page.GetByLabelOptions().setExact(true)).fill("@" + handles.get("eli"));
        dana.getByLabel("Amount in EURP", new Page.GetByLabelOptions().setExact(true)).last().fill("15");
        dana.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
        dana.getByLabel("PIN", new Page.GetByLabelOptions().setExact(true)).fill(PIN);
        shot(dana, "crypto-confirm");
        dana.getByTestId("crypto-confirm").getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Confirm")).click();
        assertThat(dana.getByTestId("crypto-balance")).hasText(java.util.regex.Pattern.compile("^25\\.00\\sEURP$"));
        assertThat(dana.getByTestId("crypto-history").locator("li").first()).containsText("Confirmed");
        dana.evaluate("window.scrollTo(0, 0)");
        shot(dana, "crypto-wallet");
        var eli = signIn("eli", "fr-FR", 390, 844);
        eli.navigate("/crypto");
        assertThat(eli.getByTestId("crypto-balance")).hasText(java.util.regex.Pattern.compile("^15,00\\sEURP$"));
        shot(eli, "crypto-received-phone-fr");
    }

    @Test
    void checkout() throws Exception {
        Files.createDirectories(OUT);
        user("gabin", "Gabin Roux");
        api.put(as("gabin"), "/api/me/pin", Map.of("pin", PIN, "password", "password-gabin")).exchange().expectStatus().isNoContent();
        topUp("gabin", "30.00");
        var commerce = new io.piaf.testing.Commerce(api);
        var shop = commerce.merchant("Boulangerie Piaf");
        var receiver = new io.piaf.testing.Commerce.Receiver();
        commerce.endpoint(shop, receiver.url());
        var session = commerce.sessionRequest(shop.token(), Map.of("lineItems", java.util.List.of(
                        Map.of("name", "Croissant", "quantity", 4, "unitAmount", "1.20"),
                        Map.of("name", "Pain au chocolat", "quantity", 2, "unitAmount", "1.40"),
                        Map.of("name", "Baguette tradition", "quantity", 1, "unitAmount", "1.30")),
                        "successUrl", "https://shop.example/merci", "cancelUrl", "https://shop.example/panier"), UUID.randomUUID().toString())
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        var phone = signIn("gabin", "fr-FR", 390, 844);
        phone.navigate("/checkout/" + session.get("id"));
        assertThat(phone.getByTestId("checkout-amount")).isVisible();
        phone.getByLabel("Code", new Page.GetByLabelOptions().setExact(true)).fill(PIN);
        shot(phone, "checkout-phone-fr");
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(java.util.regex.Pattern.compile("^Payer "))).click();
        assertThat(phone.getByTestId("checkout-done")).isVisible();
        shot(phone, "checkout-paid-phone-fr");
        var owner = newPage("en-GB", 1280, 900);
        owner.navigate("/signin");
        owner.locator("input[name=handle]").fill(shop.owner().handle());
        owner.locator("input[name=password]").fill(shop.owner().password());
        owner.locator("form button[type=submit]").click();
        assertThat(owner.getByRole(AriaRole.NAVIGATION)).isVisible();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !receiver.received.isEmpty());
        owner.navigate("/merchants");
        assertThat(owner.getByTestId("merchant-delivery")).isVisible();
        shot(owner, "merchants");
        receiver.close();
    }

    @Test
    void cards() throws Exception {
        Files.createDirectories(OUT);
        user("fanny", "Fanny Girard");
        call("fanny", "PUT", "/api/me/pin", Map.of("pin", io.piaf.testing.Wallets.PIN, "password", "password-fanny"));
        topUp("fanny", "120.00");
        var cards = new io.piaf.testing.Cards(api, port);
        var card = cards.card(as("fanny"));
        cards.issue(as("fanny"), "SINGLE_USE");
        var network = cards.network();
        var bakery = new networksim.CardNetwork.Merchant("Boulangerie Lune", "5411", "FR");
        var coffee = network.authorize(card, "3.50", networksim.CardNetwork.Merchant.CAFE, "CONTACTLESS");
        network.clearing(coffee.authorizationId(), "3.50");
        network.authorize(card, "12.40", new networksim.CardNetwork.Merchant("Cinéma du Panthéon", "7832", "FR"), "ONLINE");
        network.authorize(card, "6.80", bakery, "CONTACTLESS");
        call("fanny", "PUT", "/api/cards/" + cardIdOf("fanny", card.pan()) + "/controls", Map.of("blockedMcc", java.util.List.of("7995")));
        network.authorize(card, "50.00", new networksim.CardNetwork.Merchant("Lucky Casino", "7995", "MT"), "ONLINE");

        var fanny = signIn("fanny", "en-GB", WIDTH, HEIGHT);
        fanny.navigate("/cards");
        assertThat(fanny.getByTestId("card-face")).hasCount(2);
        shot(fanny, "cards");
        fanny.getByTestId("card-face").last().click();
        assertThat(fanny.getByTestId("card-transactions")).containsText("Boulangerie Lune");
        shot(fanny, "card");
        fanny.navigate("/wallet");
        assertThat(fanny.getByTestId("wallet-holds")).containsText("Boulangerie Lune");
        shot(fanny, "wallet-card-pending");
        var phone = signIn("fanny", "fr-FR", 390, 844);
        phone.navigate("/notifications");
        assertThat(phone.getByTestId("notification").first()).isVisible();
        shot(phone, "card-declined-phone-fr");
    }

    @Test
    void creator_budget() throws Exception {
        Files.createDirectories(OUT);
        user("gina", "Gina Rossi");
        user("hugo", "Hugo Blanc");
        user("ines", "Inès Faure");
        user("jules", "Jules Roy");
        call("gina", "PUT", "/api/me/pin", Map.of("pin", PIN, "password", "password-gina"));
        topUp("gina", "30.00");
        var posts = new java.util.ArrayList<String>();
        for (var creator : new String[] { "hugo", "ines", "jules" }) {
            call("gina", "PUT", "/api/users/" + handles.get(creator) + "/follow", null);
        }
        posts.add((String) callFor("hugo", "POST", "/api/posts", Map.of("text", "A short essay on slow cities", "visibility", "PUBLIC")).get("id"));
        posts.add((String) callFor("hugo", "POST", "/api/posts", Map.of("text", "Sketches from the night train", "visibility", "PUBLIC")).get("id"));
        posts.add((String) callFor("ines", "POST", "/api/posts", Map.of("text", "New song, recorded in my kitchen", "visibility", "PUBLIC")).get("id"));
        posts.add((String) callFor("jules", "POST", "/api/posts", Map.of("text", "Free recipe: lentils, three ways", "visibility", "PUBLIC")).get("id"));
        callFor("gina", "PUT", "/api/budget", Map.of("monthly", Map.of("amount", "5.00", "currency", "EUR"), "split", "PER_FLATTR"));
        for (var post : posts.subList(0, 3)) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> api.post(as("gina"), "/api/posts/" + post + "/flattr",
                    Map.of()).exchange().returnResult(String.class).getStatus().value() != 404);
        }

        var gina = signIn("gina", "en-GB", WIDTH, HEIGHT);
        settle(gina.getByTestId("flattr").first());
        shot(gina, "flattr-timeline");
        gina.navigate("/budget");
        assertThat(gina.getByTestId("preview-row")).hasCount(2);
        shot(gina, "budget");
        var phone = signIn("gina", "fr-FR", 390, 844);
        phone.navigate("/budget");
        assertThat(phone.getByTestId("preview-row")).hasCount(2);
        shot(phone, "budget-phone-fr");
        context.getBean(io.piaf.budgets.internal.MonthClose.class)
                .closeBefore(java.time.YearMonth.now(java.time.ZoneId.of("Europe/Paris")).plusMonths(1)).block(java.time.Duration.ofSeconds(30));
        var hugo = signIn("hugo", "en-GB", WIDTH, HEIGHT);
        hugo.navigate("/earnings?month=" + java.time.YearMonth.now(java.time.ZoneId.of("Europe/Paris")));
        assertThat(hugo.getByTestId("earning-row")).hasCount(2);
        shot(hugo, "earnings");
    }

    @Test
    void unlocks() throws Exception {
        Files.createDirectories(OUT);
        user("gaby", "Gaby Roux");
        user("hugo", "Hugo Blanc");
        user("ines", "Inès Faure");
        call("ines", "PUT", "/api/users/" + handles.get("hugo") + "/follow", null);
        var item = callFor("gaby", "POST", "/api/unlockables", Map.of("title", "The Marais in twelve addresses",
                "teaser", "Twelve places nobody knows about, from a Parisienne who lived there for ten years.",
                "content", Map.of("text", "1. The hidden garden on rue des Rosiers. 2. The last glove maker of rue de Turenne…",
                        "url", "https://example.org/marais-guide.pdf"),
                "postTemplate", "Gaby's guide to the Marais is a gem, unlock it too: {link} #piaf", "requiredText", java.util.List.of("#piaf")));
        var id = (String) item.get("id");
        var hugoUnlock = callFor("hugo", "POST", "/api/unlockables/" + id + "/unlock", Map.of());
        callFor("ines", "POST", "/api/unlockables/" + id + "/unlock", Map.of("via", hugoUnlock.get("postId"),
                "text", "Seen at @" + handles.get("hugo") + "'s: " + item.get("link") + " #piaf"));

        var ines = signIn("ines", "en-GB", WIDTH, HEIGHT);
        ines.navigate("/");
        settle(ines.getByTestId("unlockable").first());
        shot(ines, "unlockable-in-feed");
        var newcomer = signIn("gaby", "en-GB", WIDTH, HEIGHT);
        newcomer.navigate("/unlock/" + id + "/stats");
        assertThat(newcomer.getByTestId("stat-unlocks")).hasText("2");
        shot(newcomer, "unlock-stats");
        user("jade", "Jade Noel");
        var jade = signIn("jade", "fr-FR", 390, 844);
        jade.navigate("/unlock/" + id);
        assertThat(jade.getByTestId("unlock-post")).isVisible();
        shot(jade, "unlock-phone-fr");
    }

    /** The id of the user's card with this number, from the masked list (last four). */
    @SuppressWarnings("unchecked")
    private String cardIdOf(String name, String pan) {
        var list = api.get(as(name), "/api/cards").exchange().expectBody(Map.class).returnResult().getResponseBody();
        return ((java.util.List<Map<String, Object>>) list.get("items")).stream()
                .filter(c -> pan.endsWith((String) c.get("last4"))).map(c -> (String) c.get("id")).findFirst().orElseThrow();
    }
}
