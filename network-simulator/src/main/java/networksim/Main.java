package networksim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The simulator from the command line.
 *
 * <pre>
 *   coffee    --handle alice --password '...' --pin 2468   a coffee (3.50) on alice's newest card: authorization, then
 *                                                          clearing after --clear-after seconds (default 5)
 *   authorize --pan N --exp MM/YYYY [--cvc C] --amount 12.50 [--merchant "Name"] [--mcc 5812] [--country FR] [--channel ONLINE]
 *   clear     --authorization ID --amount 12.50            (also: reverse [--amount], refund --amount, increment --amount)
 *   scenarios --pan N --exp MM/YYYY --cvc C                every message kind against one card (small amounts)
 * </pre>
 * Options for all: {@code --url} (default http://localhost:8080), {@code --secret-file} (default
 * data/secrets/cards-network-secret, what Piaf generates on first start) or {@code PIAF_CARDS_NETWORK_SECRET}.
 */
public final class Main {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: coffee | authorize | clear | reverse | refund | increment | scenarios  [--options]  (see networksim.Main)");
            System.exit(2);
        }
        var options = options(args);
        var url = URI.create(options.getOrDefault("url", "http://localhost:8080"));
        var network = new CardNetwork(url, secret(options));
        switch (args[0]) {
            case "coffee" -> coffee(url, network, options);
            case "authorize" -> print(network.authorize(card(options), options.getOrDefault("amount", "3.50"), merchant(options),
                    options.getOrDefault("channel", "ONLINE")));
            case "clear" -> print(network.clearing(options.get("authorization"), options.get("amount")));
            case "reverse" -> print(network.reversal(options.get("authorization"), options.get("amount")));
            case "refund" -> print(network.refund(options.get("authorization"), options.get("amount")));
            case "increment" -> print(network.incremental(options.get("authorization"), options.get("amount")));
            case "scenarios" -> Scenarios.run(network, card(options));
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    /** Signs in as the user, reveals their newest card with the PIN (as the user would read it), buys a coffee. */
    private static void coffee(URI url, CardNetwork network, Map<String, String> options) throws Exception {
        var http = HttpClient.newHttpClient();
        var token = Json.field(post(http, url.resolve("/api/auth/token"), null,
                Json.write(Map.of("handle", options.get("handle"), "password", options.get("password")))), "access_token");
        if (token == null) {
            throw new IllegalStateException("Sign-in failed for @" + options.get("handle"));
        }
        var cards = http.send(HttpRequest.newBuilder(url.resolve("/api/cards")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        var cardId = Json.field(cards, "id");
        if (cardId == null) {
            throw new IllegalStateException("@" + options.get("handle") + " has no card: issue one in the app first");
        }
        var revealed = post(http, url.resolve("/api/cards/" + cardId + "/reveal"), token, Json.write(Map.of("pin", options.get("pin"))));
        if (Json.field(revealed, "number") == null) {
            throw new IllegalStateException("Reveal refused: " + revealed);
        }
        var card = new CardNetwork.Card(Json.field(revealed, "number"), Integer.parseInt(Json.field(revealed, "expMonth")),
                Integer.parseInt(Json.field(revealed, "expYear")), Json.field(revealed, "cvc"));
        System.out.println("Buying a coffee (3.50 EUR at Café de Flore) with " + card);
        var reply = network.authorize(card, options.getOrDefault("amount", "3.50"), CardNetwork.Merchant.CAFE, "CONTACTLESS");
        print(reply);
        if (!reply.approved()) {
            return;
        }
        var wait = Integer.parseInt(options.getOrDefault("clear-after", "5"));
        System.out.println("Held on the wallet; the merchant clears it in " + wait + " s...");
        Thread.sleep(Duration.ofSeconds(wait));
        print(network.clearing(reply.authorizationId(), options.getOrDefault("amount", "3.50")));
    }

    private static String post(HttpClient http, URI uri, String token, String json) throws Exception {
        var request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static void print(CardNetwork.Reply reply) {
        System.out.println("  " + (reply.timedOut() ? "timed out" : reply.status() + " " + reply.body()));
    }

    private static CardNetwork.Card card(Map<String, String> options) {
        var exp = options.getOrDefault("exp", "").split("/");
        if (options.get("pan") == null || exp.length != 2) {
            throw new IllegalArgumentException("--pan and --exp MM/YYYY are required");
        }
        return new CardNetwork.Card(options.get("pan"), Integer.parseInt(exp[0]), Integer.parseInt(exp[1]), options.get("cvc"));
    }

    private static CardNetwork.Merchant merchant(Map<String, String> options) {
        return new CardNetwork.Merchant(options.getOrDefault("merchant", "Café de Flore"), options.getOrDefault("mcc", "5812"),
                options.getOrDefault("country", "FR"));
    }

    static byte[] secret(Map<String, String> options) throws Exception {
        var env = System.getenv("PIAF_CARDS_NETWORK_SECRET");
        if (env != null && !env.isBlank()) {
            return env.strip().getBytes(StandardCharsets.UTF_8);
        }
        var file = Path.of(options.getOrDefault("secret-file", "data/secrets/cards-network-secret"));
        return Files.readString(file).strip().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> options(String[] args) {
        var options = new HashMap<String, String>();
        for (var i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
