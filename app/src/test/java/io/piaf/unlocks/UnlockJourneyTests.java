package io.piaf.unlocks;

import static io.piaf.testing.Social.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.testing.Api;
import io.piaf.testing.Api.User;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Social;

/**
 * Pay with a Post over the public API: a creator publishes an item, a user unlocks it by posting, another from that
 * user's post (the viral chain), the creator's stats; the signed content link; deleting the post revokes; and the
 * refusals (altered post, twice, forged or expired link, other people's stats, bursts).
 */
@PiafTest
@org.junit.jupiter.api.extension.ExtendWith(io.piaf.testing.LedgerInvariants.class)
class UnlockJourneyTests {

    static final String TEMPLATE = "Le guide du Marais de ma créatrice préférée, foncez ! {link} #piaf";

    @Autowired Api api;
    @Autowired DatabaseClient db;
    Social social;

    @BeforeEach
    void helpers() {
        social = new Social(api);
    }

    @Test
    void two_users_unlock_by_posting_one_from_the_others_post_and_the_creator_sees_reach_and_chain() {
        var lea = api.signUp("lea");
        var alice = api.signUp("alice");
        var bob = api.signUp("bob");
        var carol = api.signUp("carol");
        social.follow(bob, alice);
        social.follow(carol, alice);

        var item = create(lea, Map.of("title", "Le guide du Marais", "teaser", "Douze adresses que personne ne connaît.",
                "content", Map.of("text", "1. Le jardin caché rue des Rosiers…", "url", "https://example.org/marais.pdf"),
                "postTemplate", TEMPLATE, "requiredText", List.of("#piaf")));
        var id = (String) item.get("id");
        var link = (String) item.get("link");
        assertThat(link).endsWith("/unlock/" + id);
        assertThat(item).containsEntry("creator", lea.handle()).containsEntry("mine", true).containsEntry("maxLength", 280)
                .containsEntry("postTemplate", TEMPLATE.replace("{link}", link));
        assertThat(item.get("requiredText")).isEqualTo(List.of(link, "#piaf"));

        // bob sees the teaser and the post, not the content
        var teaser = social.get(bob, "/api/unlockables/" + id);
        assertThat(teaser).containsEntry("unlocked", false).containsEntry("mine", false).doesNotContainKeys("content", "contentUrl");

        // alice unlocks with the template as it is: her post is published, to her two followers
        var unlocked = unlock(alice, id, Map.of()).expectStatus().isCreated().expectBody(Social.JSON).returnResult().getResponseBody();
        var alicePost = (String) unlocked.get("postId");
        assertThat(social.get(alice, "/api/posts/" + alicePost)).containsEntry("text", TEMPLATE.replace("{link}", link));
        var opened = open((String) unlocked.get("contentUrl")).expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(Social.JSON).returnResult().getResponseBody();
        assertThat(opened).containsEntry("text", "1. Le jardin caché rue des Rosiers…").containsEntry("url", "https://example.org/marais.pdf");
        assertThat(social.get(alice, "/api/unlockables/" + id)).containsEntry("unlocked", true).containsEntry("postId", alicePost)
                .containsKey("contentUrl");
        await().atMost(Duration.ofSeconds(10)).until(() -> social.timelineIds(bob).contains(alicePost));

        // bob unlocks from alice's post, with his own words around what must stay
        var bobText = "Vu chez @" + alice.handle() + " : " + link + " #piaf";
        var bobUnlock = unlock(bob, id, Map.of("text", bobText, "via", alicePost)).expectStatus().isCreated()
                .expectBody(Social.JSON).returnResult().getResponseBody();
        assertThat(social.get(bob, "/api/posts/" + bobUnlock.get("postId"))).containsEntry("text", bobText);

        var stats = social.get(lea, "/api/unlockables/" + id + "/stats");
        assertThat(stats).containsEntry("unlocks", 2).containsEntry("reach", 2).containsEntry("conversion", 1.0);
        @SuppressWarnings("unchecked")
        var chain = (List<Map<String, Object>>) stats.get("chain");
        assertThat(chain).extracting(c -> c.get("user")).containsExactly(alice.handle(), bob.handle());
        assertThat(chain.get(0)).doesNotContainKey("via").containsEntry("audience", 2).containsEntry("postId", alicePost);
        assertThat(chain.get(1)).containsEntry("via", alice.handle()).containsEntry("audience", 0);

        // nobody but the creator sees the stats; the creator's own list has the item
        assertProblem(api.get(alice, "/api/unlockables/" + id + "/stats").exchange(), 404, "unlockable_not_found");
        assertProblem(api.get(carol, "/api/unlockables/" + id + "/stats").exchange(), 404, "unlockable_not_found");
        assertThat(social.get(lea, "/api/unlockables").toString()).contains(id);
        assertThat(social.get(carol, "/api/unlockables").get("items")).isEqualTo(List.of());
    }

    @Test
    void an_altered_post_a_second_unlock_and_bad_vias_are_refused_and_publish_nothing() {
        var lea = api.signUp("lea");
        var alice = api.signUp("alice");
        var dave = api.signUp("dave");
        var id = (String) create(lea, Map.of("title", "Recette", "teaser", "La vraie", "content", Map.of("text", "Du beurre."),
                "postTemplate", "Ma recette préférée {link} #miam", "requiredText", List.of("#miam"), "maxLength", 120)).get("id");
        var link = (String) social.get(dave, "/api/unlockables/" + id).get("link");
        var before = social.all(dave, "/api/users/" + dave.handle() + "/posts", 50).size();

        var missing = unlock(dave, id, Map.of("text", "Ma recette préférée " + link)).expectStatus().isEqualTo(422)
                .expectBody(Social.JSON).returnResult().getResponseBody();
        assertThat(missing).containsEntry("code", "required_text_missing").containsEntry("missing", List.of("#miam"));
        assertProblem(unlock(dave, id, Map.of("text", "#miam et rien d'autre")), 422, "required_text_missing");
        assertProblem(unlock(dave, id, Map.of("text", link + " #miam " + "!".repeat(100))), 422, "post_too_long");
        assertProblem(unlock(dave, id, Map.of("text", "  ")), 400, "empty_text");
        assertProblem(unlock(dave, id, Map.of("via", UUID.randomUUID().toString())), 422, "invalid_via");
        assertProblem(unlock(dave, id, Map.of("via", "pas-un-id")), 422, "invalid_via");
        assertProblem(unlock(lea, id, Map.of()), 422, "own_unlockable");
        assertProblem(unlock(dave, UUID.randomUUID().toString(), Map.of()), 404, "unlockable_not_found");
        assertProblem(unlock(dave, "nope", Map.of()), 404, "unlockable_not_found");
        assertThat(social.all(dave, "/api/users/" + dave.handle() + "/posts", 50)).hasSize(before);

        var first = unlock(alice, id, Map.of()).expectStatus().isCreated().expectBody(Social.JSON).returnResult().getResponseBody();
        assertProblem(unlock(alice, id, Map.of()), 409, "already_unlocked");
        // one's own post is no via, nor is a post of another item
        var other = (String) create(lea, Map.of("title", "Autre", "teaser", "t", "content", Map.of("text", "x"), "postTemplate", "{link}")).get("id");
        assertProblem(unlock(alice, other, Map.of("via", first.get("postId"))), 422, "invalid_via");
        assertThat(social.get(lea, "/api/unlockables/" + id + "/stats")).containsEntry("unlocks", 1);
    }

    @Test
    void content_links_are_signed_expire_and_bind_their_user() throws Exception {
        var lea = api.signUp("lea");
        var alice = api.signUp("alice");
        var bob = api.signUp("bob");
        var id = (String) create(lea, Map.of("title", "Secret", "teaser", "t", "content", Map.of("text", "le secret"), "postTemplate", "{link}")).get("id");
        var url = (String) unlock(alice, id, Map.of()).expectStatus().isCreated().expectBody(Social.JSON).returnResult().getResponseBody().get("contentUrl");
        var query = query(url);

        open(url).expectStatus().isOk();
        assertProblem(open(url.replace("sig=", "sig=A")), 403, "invalid_signature");
        assertProblem(open(url.replace("u=" + alice.id(), "u=" + bob.id())), 403, "invalid_signature");
        assertProblem(open(url.replace("expires=" + query.get("expires"), "expires=" + (Long.parseLong(query.get("expires")) + 3600))), 403, "invalid_signature");
        assertProblem(open("/api/unlockables/" + id + "/content"), 403, "invalid_signature");
        var expired = System.currentTimeMillis() / 1000 - 1;
        assertProblem(open("/api/unlockables/" + id + "/content?u=" + alice.id() + "&expires=" + expired + "&sig=" + sign(id, alice.id(), expired)),
                410, "link_expired");
        // a link Piaf signed for bob, who never unlocked, opens nothing
        var future = System.currentTimeMillis() / 1000 + 600;
        assertProblem(open("/api/unlockables/" + id + "/content?u=" + bob.id() + "&expires=" + future + "&sig=" + sign(id, bob.id(), future)),
                410, "unlock_revoked");
        assertThat(social.get(bob, "/api/unlockables/" + id)).doesNotContainKeys("content", "contentUrl", "postId");
    }

    @Test
    void deleting_the_unlock_post_revokes_the_unlock_and_the_user_may_post_again() {
        var lea = api.signUp("lea");
        var alice = api.signUp("alice");
        var bob = api.signUp("bob");
        var id = (String) create(lea, Map.of("title", "Secret", "teaser", "t", "content", Map.of("text", "le secret"), "postTemplate", "{link}")).get("id");
        var unlocked = unlock(alice, id, Map.of()).expectStatus().isCreated().expectBody(Social.JSON).returnResult().getResponseBody();
        var postId = (String) unlocked.get("postId");

        assertProblem(api.delete(bob, "/api/posts/" + postId).exchange(), 404, "post_not_found");
        api.delete(alice, "/api/posts/" + postId).exchange().expectStatus().isNoContent();
        assertProblem(api.get(alice, "/api/posts/" + postId).exchange(), 404, "post_not_found");
        assertProblem(api.delete(alice, "/api/posts/" + postId).exchange(), 404, "post_not_found");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertProblem(open((String) unlocked.get("contentUrl")), 410, "unlock_revoked"));
        assertThat(social.get(alice, "/api/unlockables/" + id)).containsEntry("unlocked", false).doesNotContainKey("content");
        assertThat(social.get(lea, "/api/unlockables/" + id + "/stats")).containsEntry("unlocks", 0).containsEntry("chain", List.of());
        unlock(alice, id, Map.of()).expectStatus().isCreated();
    }

    @Test
    void a_burst_of_unlocks_is_refused_with_retry_after() {
        var lea = api.signUp("lea");
        var eve = api.signUp("eve");
        for (var i = 0; i < 3; i++) {
            var id = (String) create(lea, Map.of("title", "Item " + i, "teaser", "t", "content", Map.of("text", "x"), "postTemplate", "n°" + i + " {link}")).get("id");
            unlock(eve, id, Map.of()).expectStatus().isCreated();
        }
        var fourth = (String) create(lea, Map.of("title", "Item 4", "teaser", "t", "content", Map.of("text", "x"), "postTemplate", "{link}")).get("id");
        var refused = unlock(eve, fourth, Map.of());
        refused.expectHeader().exists(HttpHeaders.RETRY_AFTER);
        assertProblem(refused, 429, "too_many_unlocks");
    }

    @Test
    void an_item_is_refused_without_its_parts_or_with_a_template_that_breaks_its_own_rules() {
        var lea = api.signUp("lea");
        var base = new HashMap<String, Object>(Map.of("title", "T", "teaser", "t", "content", Map.of("text", "x"), "postTemplate", "{link}"));
        assertProblem(post(lea, with(base, "title", " ")), 400, "invalid_title");
        assertProblem(post(lea, with(base, "content", Map.of())), 400, "invalid_content");
        assertProblem(post(lea, with(base, "content", Map.of("url", "javascript:alert(1)"))), 400, "invalid_content_url");
        assertProblem(post(lea, with(base, "postTemplate", "{link} {link}")), 400, "invalid_template");
        assertProblem(post(lea, with(base, "requiredText", List.of("#absent"))), 422, "required_text_not_in_template");
        assertProblem(post(lea, with(base, "maxLength", 10)), 422, "post_too_long");
    }

    @Test
    void a_creator_uploads_a_file_an_unlocker_downloads_it_and_bad_uploads_write_nothing() {
        var lea = api.signUp("lea");
        var alice = api.signUp("alice");
        var bob = api.signUp("bob");
        var pdf = ("%PDF-1.7\n" + "x".repeat(2000)).getBytes(StandardCharsets.US_ASCII);

        assertProblem(upload(lea, "application/pdf", "a.pdf", new byte[100 * 1024 + 1]), 413, "file_too_large");
        assertProblem(upload(lea, "application/pdf", "a.pdf", new byte[0]), 400, "empty_file");
        assertProblem(upload(lea, "text/html", "a.html", "<script>alert(1)</script>".getBytes()), 415, "unsupported_file_type");
        assertProblem(upload(lea, "image/png", "a.png", pdf), 415, "file_type_mismatch");
        assertThat(files(lea)).isZero();

        var uploaded = upload(lea, "application/pdf", "../../Guide du Marais\u202E.pdf", pdf).expectStatus().isCreated()
                .expectBody(Social.JSON).returnResult().getResponseBody();
        assertThat(uploaded).containsEntry("name", "Guide du Marais_.pdf").containsEntry("contentType", "application/pdf")
                .containsEntry("size", pdf.length);
        var fileId = (String) uploaded.get("id");
        assertThat(files(lea)).isOne();
        // nobody else's upload, and one item per upload
        assertProblem(post(bob, Map.of("title", "T", "teaser", "t", "content", Map.of("fileId", fileId), "postTemplate", "{link}")),
                422, "invalid_file");
        var item = create(lea, Map.of("title", "Le guide en PDF", "teaser", "t", "content", Map.of("fileId", fileId), "postTemplate", "{link}"));
        assertProblem(post(lea, Map.of("title", "T", "teaser", "t", "content", Map.of("fileId", fileId), "postTemplate", "{link}")),
                422, "invalid_file");
        var id = (String) item.get("id");
        assertThat(social.get(bob, "/api/unlockables/" + id)).doesNotContainKey("content");

        var url = (String) unlock(alice, id, Map.of()).expectStatus().isCreated().expectBody(Social.JSON).returnResult()
                .getResponseBody().get("contentUrl");
        @SuppressWarnings("unchecked")
        var file = (Map<String, Object>) open(url).expectStatus().isOk().expectBody(Social.JSON).returnResult().getResponseBody().get("file");
        assertThat(file).containsEntry("name", "Guide du Marais_.pdf").containsEntry("size", pdf.length);
        var fileUrl = (String) file.get("url");
        assertThat(fileUrl).isEqualTo(url.replace("/content?", "/content/file?"));
        var downloaded = open(fileUrl).expectStatus().isOk()
                .expectHeader().contentType("application/pdf")
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().value(HttpHeaders.CONTENT_DISPOSITION, v -> assertThat(v).startsWith("attachment;").contains("Guide"))
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(downloaded).isEqualTo(pdf);
        assertProblem(open(fileUrl.replace("u=" + alice.id(), "u=" + bob.id())), 403, "invalid_signature");

        var textOnly = (String) create(lea, Map.of("title", "Texte", "teaser", "t", "content", Map.of("text", "x"), "postTemplate", "{link}")).get("id");
        var textUrl = (String) unlock(alice, textOnly, Map.of()).expectStatus().isCreated().expectBody(Social.JSON).returnResult()
                .getResponseBody().get("contentUrl");
        assertProblem(open(textUrl.replace("/content?", "/content/file?")), 404, "file_not_found");
    }

    @Test
    void or_pay_a_user_buys_with_the_pin_once_and_the_creator_sees_paid_and_post_unlocks() {
        var wallets = new io.piaf.testing.Wallets(api);
        var lea = api.signUp("lea");
        var alice = wallets.payer("alice", "5.00");
        var dave = wallets.payer("dave", "5.00");
        var broke = api.signUp("broke");
        wallets.setPin(broke);
        var nopin = api.signUp("nopin");
        assertProblem(post(lea, Map.of("title", "T", "teaser", "t", "content", Map.of("text", "x"), "postTemplate", "{link}",
                "price", Map.of("amount", "250.01", "currency", "EUR"))), 400, "invalid_price");
        var id = (String) create(lea, Map.of("title", "Le guide", "teaser", "t", "content", Map.of("text", "le secret"), "postTemplate", "{link}",
                "price", Map.of("amount", "1.00", "currency", "EUR"))).get("id");
        assertThat(social.get(alice, "/api/unlockables/" + id)).containsEntry("price", Map.of("amount", "1.00", "currency", "EUR"));
        var free = (String) create(lea, Map.of("title", "Gratuit", "teaser", "t", "content", Map.of("text", "x"), "postTemplate", "{link}")).get("id");

        assertProblem(buy(alice, free, io.piaf.testing.Wallets.PIN, "k0"), 422, "not_for_sale");
        assertProblem(buy(lea, id, "1357", "k1"), 422, "own_unlockable");
        assertProblem(buy(nopin, id, "1357", "k2"), 422, "pin_not_set");
        assertProblem(buy(broke, id, io.piaf.testing.Wallets.PIN, "k3"), 422, "insufficient_funds");
        var wrong = buy(alice, id, "0000", "k4").expectStatus().isEqualTo(422).expectBody(Social.JSON).returnResult().getResponseBody();
        assertThat(wrong).containsEntry("code", "invalid_pin").containsEntry("attemptsLeft", 2);
        assertThat(wallets.balance(alice)).isEqualTo("5.00");

        var paid = buy(alice, id, io.piaf.testing.Wallets.PIN, "alice-buys").expectStatus().isCreated().expectBody(Social.JSON).returnResult().getResponseBody();
        assertThat(paid).containsEntry("amount", Map.of("amount", "1.00", "currency", "EUR")).containsKeys("transferId", "contentUrl");
        assertThat(open((String) paid.get("contentUrl")).expectStatus().isOk().expectBody(Social.JSON).returnResult().getResponseBody())
                .containsEntry("text", "le secret");
        // the same request again is the same answer; another one is refused; nothing moves twice
        buy(alice, id, io.piaf.testing.Wallets.PIN, "alice-buys").expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "true");
        assertProblem(buy(alice, id, io.piaf.testing.Wallets.PIN, "alice-again"), 409, "already_unlocked");
        assertThat(wallets.balance(alice)).isEqualTo("4.00");
        assertThat(wallets.balance(lea)).isEqualTo("1.00");
        assertThat(social.get(alice, "/api/unlockables/" + id)).containsEntry("unlocked", true).containsEntry("unlockedBy", "PAID");

        // dave unlocks by posting: paying after it is refused, nothing charged
        unlock(dave, id, Map.of()).expectStatus().isCreated();
        assertProblem(buy(dave, id, io.piaf.testing.Wallets.PIN, "dave-buys"), 409, "already_unlocked");
        assertThat(wallets.balance(dave)).isEqualTo("5.00");

        var stats = social.get(lea, "/api/unlockables/" + id + "/stats");
        assertThat(stats).containsEntry("unlocks", 2).containsEntry("byPost", 1).containsEntry("paid", 1)
                .containsEntry("revenue", Map.of("amount", "1.00", "currency", "EUR"));
        @SuppressWarnings("unchecked")
        var chain = (List<Map<String, Object>>) stats.get("chain");
        assertThat(chain).extracting(c -> c.get("kind")).containsExactly("PAID", "POST");
        assertThat(chain.get(0)).doesNotContainKey("postId").containsEntry("user", alice.handle());
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec buy(User user, String id, String pin, String key) {
        return api.post(user, "/api/unlockables/" + id + "/purchase", Map.of("pin", pin)).header("Idempotency-Key", key).exchange();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec upload(User user, String type, String name, byte[] bytes) {
        return api.http().post().uri(b -> b.path("/api/unlockables/files").queryParam("name", "{name}").build(name))
                .header(HttpHeaders.AUTHORIZATION, user.bearer()).header(HttpHeaders.CONTENT_TYPE, type).bodyValue(bytes).exchange();
    }

    private long files(User user) {
        return db.sql("select count(*) from unlocks.content_file where creator_id = $1::uuid").bind(0, user.id())
                .map(r -> r.get(0, Long.class)).one().block();
    }

    private Map<String, Object> create(User creator, Map<String, Object> body) {
        return post(creator, body).expectStatus().isCreated().expectBody(Social.JSON).returnResult().getResponseBody();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(User creator, Map<String, Object> body) {
        return api.post(creator, "/api/unlockables", body).exchange();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec unlock(User user, String id, Map<String, Object> body) {
        return api.post(user, "/api/unlockables/" + id + "/unlock", body).exchange();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec open(String url) {
        return api.http().get().uri(url).exchange();
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        var copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, String> query(String url) {
        var out = new HashMap<String, String>();
        for (var pair : url.substring(url.indexOf('?') + 1).split("&")) {
            out.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return out;
    }

    /** Signs as Piaf does, with the test run's generated key: how a link made earlier looks once it has expired. */
    private static String sign(String item, String user, long expires) throws Exception {
        var key = Base64.getDecoder().decode(Files.readString(Path.of("target/test-secrets/unlocks-link-key")).strip());
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(("v1|" + item + "|" + user + "|" + expires).getBytes(StandardCharsets.UTF_8)));
    }
}
