package networksim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import networksim.CardNetwork.Merchant;

/** Every kind of message once against one card, printed as it goes: a smoke run for a demo or a fresh install. */
final class Scenarios {

    private Scenarios() {
    }

    static void run(CardNetwork network, CardNetwork.Card card) {
        step("authorization then clearing (a coffee)");
        var coffee = network.authorize(card, "3.50", Merchant.CAFE, "CONTACTLESS");
        Main.print(coffee);
        Main.print(network.clearing(coffee.authorizationId(), "3.50"));

        step("hotel: authorization, incremental, partial clearing");
        var hotel = network.authorize(card, "5.00", new Merchant("Hôtel du Nord", "7011", "FR"), "ONLINE");
        Main.print(hotel);
        Main.print(network.incremental(hotel.authorizationId(), "1.00"));
        Main.print(network.clearing(hotel.authorizationId(), "5.50"));

        step("restaurant with a tip: over-capture within tolerance");
        var dinner = network.authorize(card, "4.00", new Merchant("Chez Janou", "5812", "FR"), "CHIP");
        Main.print(dinner);
        Main.print(network.clearing(dinner.authorizationId(), "4.60"));

        step("partial reversal, then full reversal");
        var fuel = network.authorize(card, "6.00", new Merchant("Total Énergies", "5542", "FR"), "CHIP");
        Main.print(fuel);
        Main.print(network.reversal(fuel.authorizationId(), "2.00"));
        Main.print(network.reversal(fuel.authorizationId(), null));

        step("refund of the coffee");
        Main.print(network.refund(coffee.authorizationId(), "3.50"));

        step("duplicate: the same message twice gets the same answer");
        var message = network.authorization(UUID.randomUUID().toString(), card, "1.00", "EUR", Merchant.CAFE, "CONTACTLESS");
        Main.print(network.send(message));
        Main.print(network.send(message));
        var duplicate = network.send(message);
        Main.print(network.reversal(duplicate.authorizationId(), null));

        step("timeout: the network gives up after 1 ms and reverses by the original message id");
        var impatient = new CardNetwork(network.base(), network.secret()).timeout(Duration.ofMillis(1));
        var lost = impatient.authorize(card, "2.00", Merchant.CAFE, "CONTACTLESS");
        Main.print(lost);
        Main.print(network.reversalOfMessage(lost.messageId()));

        step("tampered body: refused with 401");
        var body = Json.write(network.authorization(UUID.randomUUID().toString(), card, "1.00", "EUR", Merchant.CAFE, "CHIP"));
        var timestamp = System.currentTimeMillis() / 1000;
        var signature = CardNetwork.sign("not-the-secret".getBytes(StandardCharsets.UTF_8), timestamp, body.getBytes(StandardCharsets.UTF_8));
        Main.print(network.sendRaw(body, Long.toString(timestamp), signature, null));
    }

    private static void step(String title) {
        System.out.println("== " + title);
    }
}
