package io.piaf.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.testing.Api;
import io.piaf.testing.Cards;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;
import networksim.CardNetwork;
import networksim.CardNetwork.Merchant;

/**
 * PCI DSS 4.0.1 §3.5: no full card number outside the encrypted column. Runs last (the run's other card tests have
 * issued and used their cards by then), plays the messages most likely to leak (declines, refused and malformed
 * messages that carry a PAN), then decrypts every card in the database with the test key and looks for each number in
 * the application log of the whole run and in every text, JSON and array column of every table.
 */
@PiafTest
@Order(Integer.MAX_VALUE)
class CardDataLeakTests {

    @Autowired Api api;
    @Autowired DatabaseClient db;
    @LocalServerPort int port;

    @Test
    void no_full_card_number_is_in_the_log_or_in_any_column_but_the_encrypted_one() throws Exception {
        var cards = new Cards(api, port);
        var alice = new Wallets(api).payer("leak", "10.00");
        var card = cards.card(alice);
        var network = cards.network();
        network.authorize(card, "20.00", Merchant.CAFE, "CHIP");
        var auth = network.authorize(card, "2.00", Merchant.CAFE, "CHIP");
        network.clearing(auth.authorizationId(), "2.00");
        network.sendRaw("{\"id\":\"leak-1\",\"type\":\"AUTHORIZATION\",\"pan\":\"" + card.pan() + "\"}", "1", "v1=00", null);
        var malformed = "{\"id\":\"leak-2\",\"type\":\"AUTHORIZATION\",\"pan\":\"" + card.pan() + "\",\"channel\":\"X\"}";
        var now = System.currentTimeMillis() / 1000;
        network.sendRaw(malformed, Long.toString(now), CardNetwork.sign(secret(), now, malformed.getBytes(StandardCharsets.UTF_8)), null);

        var pans = decryptAllCards();
        assertThat(pans).contains(card.pan()).hasSizeGreaterThan(1);

        var log = Files.readString(Path.of("target/piaf-test.log"));
        assertThat(pans).noneMatch(log::contains);
        var found = new ArrayList<String>();
        for (var column : textColumns()) {
            var sql = "select count(*) from " + column[0] + "." + column[1] + " where " + column[2] + "::text like any($1)";
            var hits = db.sql(sql).bind(0, pans.stream().map(p -> "%" + p + "%").toArray(String[]::new))
                    .map(r -> r.get(0, Long.class)).one().block();
            if (hits > 0) {
                found.add(column[0] + "." + column[1] + "." + column[2]);
            }
        }
        assertThat(found).as("columns holding a full card number").isEmpty();
    }

    /** Every column of every Piaf table that could hold text (bytea too, as hex), except the encrypted PAN. */
    private java.util.List<String[]> textColumns() {
        return db.sql("""
                select table_schema, table_name, column_name from information_schema.columns
                where table_schema not in ('pg_catalog', 'information_schema') and table_schema not like 'pg_%'
                  and (table_schema, table_name) in (select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE')
                  and data_type in ('text', 'character varying', 'json', 'jsonb', 'ARRAY', 'bytea')
                  and not (table_schema = 'cards' and table_name = 'card' and column_name = 'pan_ciphertext')""")
                .map(r -> new String[] { r.get(0, String.class), r.get(1, String.class), r.get(2, String.class) })
                .all().collectList().block();
    }

    private Set<String> decryptAllCards() throws Exception {
        var keys = new HashMap<String, byte[]>();
        for (var entry : Files.readString(Cards.SECRETS.resolve("cards-pan-keys")).strip().split(",")) {
            var parts = entry.split(":", 2);
            keys.put(parts[0], Base64.getDecoder().decode(parts[1]));
        }
        var rows = db.sql("select id, pan_ciphertext, pan_key_id from cards.card")
                .map(r -> Map.entry(r.get(0, UUID.class), Map.entry(r.get(1, byte[].class), r.get(2, String.class))))
                .all().collectList().block();
        var pans = new HashSet<String>();
        for (var row : rows) {
            var stored = row.getValue().getKey();
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.get(row.getValue().getValue()), "AES"),
                    new GCMParameterSpec(128, stored, 0, 12));
            cipher.updateAAD(row.getKey().toString().getBytes(StandardCharsets.US_ASCII));
            pans.add(new String(cipher.doFinal(stored, 12, stored.length - 12), StandardCharsets.US_ASCII));
        }
        return pans;
    }

    private static byte[] secret() throws Exception {
        return Files.readString(Cards.SECRETS.resolve("cards-network-secret")).strip().getBytes(StandardCharsets.UTF_8);
    }
}
