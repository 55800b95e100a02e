package io.piaf.requests;

import static io.piaf.testing.Social.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.piaf.testing.Api;
import io.piaf.testing.Api.User;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Social;
import io.piaf.testing.Wallets;

/**
 * Requests and bill splits end to end over the public API: asked by button or by post, paid with one PIN (the item
 * turns PAID and the requester sees who paid) or declined, reminded at most hourly, nobody else's, and the refusals.
 */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class RequestJourneyTests {

    @Autowired Api api;
    Wallets wallets;
    Social social;

    @BeforeEach
    void helpers() {
        wallets = new Wallets(api);
        social = new Social(api);
    }

    @Test
    void alice_asks_bob_for_15_euros_and_bob_pays_with_one_pin() {
        var alice = wallets.payer("alice", "0.00");
        var bob = wallets.payer("bob", "50.00");
        var eve = wallets.payer("eve", "50.00");

        var key = UUID.randomUUID().toString();
        var body = Map.<String, Object>of("from", List.of("@" + bob.handle()), "amount", Wallets.money("15.00"), "note", "ciné");
        var created = create(alice, body, key).expectStatus().isCreated().expectBody(Social.JSON).returnResult().getResponseBody();
        var id = (String) created.get("id");
        assertThat(items(created)).singleElement().satisfies(item -> {
            assertThat(item).containsEntry("payer", bob.handle()).containsEntry("status", "PENDING");
            assertThat(amount(item)).isEqualTo("15.00");
        });
        create(alice, body, key).expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody().jsonPath("$.id").isEqualTo(id);
        assertProblem(create(alice, Map.of("from", List.of("@" + bob.handle()), "amount", Wallets.money("16.00")), key), 422,
                "idempotency_key_reused");

        var asked = data(awaitNotification(bob, "money_requested"));
        assertThat(asked).containsEntry("requestId", id).containsEntry("amount", "15.00").containsEntry("note", "ciné");
        assertThat(((Map<?, ?>) asked.get("requester")).get("handle")).isEqualTo(alice.handle());

        // someone else's request is not found, whatever they try
        assertProblem(api.get(eve, "/api/requests/" + id).exchange(), 404, "request_not_found");
        assertProblem(api.post(eve, "/api/requests/" + id + "/pay", Map.of()).exchange(), 404, "request_not_found");
        assertProblem(api.post(eve, "/api/requests/" + id + "/decline", Map.of()).exchange(), 404, "request_not_found");
        assertProblem(api.post(bob, "/api/requests/" + id + "/remind", Map.of()).exchange(), 404, "request_not_found");
        assertProblem(api.post(alice, "/api/requests/" + id + "/pay", Map.of()).exchange(), 404, "request_not_found");

        var payment = pay(bob, id);
        assertThat(payment).containsEntry("status", "PENDING_CONFIRMATION").containsEntry("payee", alice.handle());
        assertThat((String) payment.get("challenge")).contains("15.00").contains("@" + alice.handle());
        assertThat(pay(bob, id).get("paymentId")).as("paying again answers the waiting payment").isEqualTo(payment.get("paymentId"));
        wallets.confirm(bob, (String) payment.get("paymentId"), Wallets.PIN).expectStatus().isOk();

        var paid = data(awaitNotification(alice, "money_request_paid"));
        assertThat(paid).containsEntry("requestId", id).containsEntry("paymentId", payment.get("paymentId"));
        assertThat(((Map<?, ?>) paid.get("payer")).get("handle")).isEqualTo(bob.handle());
        assertThat(wallets.balance(alice)).isEqualTo("15.00");
        assertThat(wallets.balance(bob)).isEqualTo("35.00");
        var outgoing = Social.items(social.get(alice, "/api/requests?role=outgoing"));
        assertThat(outgoing).singleElement().satisfies(r -> assertThat(items(r)).singleElement()
                .satisfies(item -> assertThat(item).containsEntry("status", "PAID").containsEntry("paymentId", payment.get("paymentId"))));
        assertProblem(api.post(bob, "/api/requests/" + id + "/pay", Map.of()).exchange(), 409, "request_paid");
        assertProblem(api.post(bob, "/api/requests/" + id + "/decline", Map.of()).exchange(), 409, "request_paid");
        assertThat(wallets.balance(bob)).isEqualTo("35.00");
    }

    @Test
    void a_split_of_ten_euros_among_three_answered_declined_and_reminded() {
        var alice = wallets.payer("alice", "0.00");
        var bob = wallets.payer("bob", "50.00");
        var carol = wallets.payer("carol", "50.00");
        var dan = wallets.payer("dan", "50.00");

        var created = create(alice, Map.of("from", List.of(bob.handle(), carol.handle(), "@" + dan.handle()),
                "split", Map.of("total", Wallets.money("10.00")), "note", "pizza"), null)
                .expectStatus().isCreated().expectBody(Social.JSON).returnResult().getResponseBody();
        var id = (String) created.get("id");
        assertThat(created).containsEntry("kind", "SPLIT");
        assertThat(items(created)).extracting(RequestJourneyTests::amount).containsExactly("3.34", "3.33", "3.33");

        // a payer sees their own part only
        var forCarol = Social.items(social.get(carol, "/api/requests?role=incoming"));
        assertThat(forCarol).singleElement().satisfies(r -> {
            assertThat(items(r)).singleElement().satisfies(item -> assertThat(item).containsEntry("payer", carol.handle()));
            assertThat(r).doesNotContainKey("total");
        });
        assertThat(forCarol.toString()).doesNotContain(bob.handle()).doesNotContain("3.34");

        api.post(carol, "/api/requests/" + id + "/decline", Map.of()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].status").isEqualTo("DECLINED");
        api.post(carol, "/api/requests/" + id + "/decline", Map.of()).exchange().expectStatus().isOk();
        assertProblem(api.post(carol, "/api/requests/" + id + "/pay", Map.of()).exchange(), 409, "request_declined");
        var declined = data(awaitNotification(alice, "money_request_declined"));
        assertThat(((Map<?, ?>) declined.get("payer")).get("handle")).isEqualTo(carol.handle());

        // dan's payment waits for his PIN: he cannot decline meanwhile
        var dansPayment = pay(dan, id);
        assertThat(dansPayment.get("amount")).isEqualTo(Wallets.money("3.33"));
        assertProblem(api.post(dan, "/api/requests/" + id + "/decline", Map.of()).exchange(), 409, "payment_pending");

        // reminders go to the two who have not answered, then not again within the hour
        api.post(alice, "/api/requests/" + id + "/remind", Map.of()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.reminded.length()").isEqualTo(2);
        assertThat(data(awaitNotification(bob, "money_request_reminder"))).containsEntry("requestId", id).containsEntry("amount", "3.34");
        assertProblem(api.post(alice, "/api/requests/" + id + "/remind", Map.of()).exchange(), 429, "reminder_too_soon");

        wallets.confirm(dan, (String) dansPayment.get("paymentId"), Wallets.PIN).expectStatus().isOk();
        await().atMost(Duration.ofSeconds(10)).until(() -> items(social.get(alice, "/api/requests/" + id)).stream()
                .anyMatch(i -> dan.handle().equals(i.get("payer")) && "PAID".equals(i.get("status"))));
        var seen = items(social.get(alice, "/api/requests/" + id));
        assertThat(seen).extracting(i -> i.get("status")).containsExactly("PENDING", "DECLINED", "PAID");
        assertThat(wallets.balance(alice)).isEqualTo("3.33");
    }

    @Test
    void a_request_by_post_in_french_and_its_refusals() {
        var alice = wallets.payer("alice", "0.00");
        var bob = wallets.payer("bob", "50.00");
        var carol = wallets.payer("carol", "50.00");

        social.post(alice, "#demander 15€ à @" + bob.handle() + " et @" + carol.handle() + " pour le resto");
        var asked = data(awaitNotification(bob, "money_requested"));
        assertThat(asked).containsEntry("amount", "15.00").containsEntry("note", "le resto");
        awaitNotification(carol, "money_requested");
        var id = (String) asked.get("requestId");
        var payment = pay(bob, id);
        wallets.confirm(bob, (String) payment.get("paymentId"), Wallets.PIN).expectStatus().isOk();
        awaitNotification(alice, "money_request_paid");

        social.post(alice, "#request €5 from @" + alice.handle());
        assertThat(data(awaitNotification(alice, "money_request_rejected"))).containsEntry("code", "self_request");
        social.post(carol, "#request €5 from @nosuchuser_zz");
        assertThat(data(awaitNotification(carol, "money_request_rejected"))).containsEntry("code", "payer_not_found");
    }

    @Test
    void bad_requests_are_refused_and_write_nothing() {
        var alice = wallets.payer("alice", "0.00");
        var bob = api.signUp("bob");
        var carol = api.signUp("carol");
        var two = List.of(bob.handle(), carol.handle());
        assertProblem(create(alice, Map.of("from", two, "split", Map.of("total", Wallets.money("30.00"),
                "amounts", List.of(Wallets.money("10.00"), Wallets.money("19.99")))), null), 422, "split_mismatch");
        assertProblem(create(alice, Map.of("from", List.of(bob.handle(), alice.handle()), "amount", Wallets.money("5.00")), null), 422, "self_request");
        assertProblem(create(alice, Map.of("from", List.of(bob.handle(), "@" + bob.handle().toUpperCase()), "amount", Wallets.money("5.00")), null),
                422, "duplicate_payer");
        assertProblem(create(alice, Map.of("from", List.of(bob.handle(), "nosuchuser_zz"), "amount", Wallets.money("5.00")), null), 422,
                "payer_not_found");
        assertProblem(create(alice, Map.of("from", two, "amount", Map.of("amount", 5, "currency", "EUR")), null), 400, "invalid_amount");
        assertProblem(create(alice, Map.of("from", two, "amount", Map.of("amount", "5.00", "currency", "USD")), null), 400, "unsupported_currency");
        assertProblem(create(alice, Map.of("from", two), null), 400, "invalid_body");
        assertProblem(create(alice, Map.of("from", java.util.stream.IntStream.range(0, 21).mapToObj(i -> "user" + i).toList(),
                "amount", Wallets.money("1.00")), null), 400, "too_many_payers");
        assertProblem(api.get(alice, "/api/requests?role=sideways").exchange(), 400, "invalid_role");
        assertProblem(api.get(alice, "/api/requests/not-an-id").exchange(), 404, "request_not_found");
        assertThat(Social.items(social.get(alice, "/api/requests"))).isEmpty();
        assertThat(Social.items(social.get(bob, "/api/requests?role=incoming"))).isEmpty();
    }

    private WebTestClient.ResponseSpec create(User user, Map<String, Object> body, String key) {
        var spec = api.http().post().uri("/api/requests").header("Authorization", user.bearer()).contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            spec = spec.header("Idempotency-Key", key);
        }
        return spec.bodyValue(body).exchange();
    }

    private Map<String, Object> pay(User payer, String id) {
        return api.post(payer, "/api/requests/" + id + "/pay", Map.of()).exchange().expectStatus().isCreated()
                .expectBody(Social.JSON).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> request) {
        return (List<Map<String, Object>>) request.get("items");
    }

    private static String amount(Map<String, Object> item) {
        return (String) ((Map<?, ?>) item.get("amount")).get("amount");
    }

    private Map<String, Object> awaitNotification(User user, String type) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> Social.items(social.get(user, "/api/notifications?limit=50")).stream()
                        .filter(n -> type.equals(n.get("type"))).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> notification) {
        return new HashMap<>((Map<String, Object>) notification.get("data"));
    }
}
