package piaf.bench;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.*;
import io.gatling.javaapi.http.*;

/**
 * P2P payments through the public API, as the app makes them: create (JWT, Idempotency-Key) then confirm with the
 * PIN. A confirmed payment is one create + one confirm answered 201 and 200 COMPLETED.
 *
 * <p>-Dmode=closed: {@code concurrency} users loop for {@code seconds} (finds the maximum rate);
 * -Dmode=open: payments arrive at {@code rate} per second for {@code seconds} (latency at a given load).
 */
public class ConfirmedPayments extends Simulation {

    static final String BASE = System.getProperty("baseUrl", "http://localhost:18100");
    static final String USERS = System.getProperty("users", "target/users.csv");
    static final String MODE = System.getProperty("mode", "closed");
    static final int CONCURRENCY = Integer.getInteger("concurrency", 64);
    static final double RATE = Double.parseDouble(System.getProperty("rate", "100"));
    static final int SECONDS = Integer.getInteger("seconds", 30);

    static final List<Map<String, Object>> PEOPLE = csv(USERS).readRecords();

    HttpProtocolBuilder protocol = http.baseUrl(BASE)
            .acceptHeader("application/json")
            .contentTypeHeader("application/json")
            .shareConnections();

    ChainBuilder pay = exec(session -> {
                var random = ThreadLocalRandom.current();
                var payer = PEOPLE.get(random.nextInt(PEOPLE.size()));
                Map<String, Object> payee;
                do {
                    payee = PEOPLE.get(random.nextInt(PEOPLE.size()));
                } while (payee == payer);
                var cents = 1 + random.nextInt(10);
                return session.set("token", payer.get("token")).set("pin", payer.get("pin"))
                        .set("payee", payee.get("handle")).set("amount", String.format("0.%02d", cents))
                        .set("key", UUID.randomUUID().toString());
            })
            .exec(http("create").post("/api/payments")
                    .header("Authorization", "Bearer #{token}")
                    .header("Idempotency-Key", "#{key}")
                    .body(StringBody("{\"to\":\"@#{payee}\",\"amount\":{\"amount\":\"#{amount}\",\"currency\":\"EUR\"}}"))
                    .check(status().is(201), jmesPath("id").saveAs("paymentId")))
            .exec(http("confirm").post("/api/payments/#{paymentId}/confirm")
                    .header("Authorization", "Bearer #{token}")
                    .body(StringBody("{\"pin\":\"#{pin}\"}"))
                    .check(status().is(200), jmesPath("status").is("COMPLETED")));

    {
        if (MODE.equals("open")) {
            var scn = scenario("open").exec(pay);
            setUp(scn.injectOpen(constantUsersPerSec(RATE).during(Duration.ofSeconds(SECONDS)))).protocols(protocol);
        } else {
            var scn = scenario("closed").during(Duration.ofSeconds(SECONDS)).on(pay);
            setUp(scn.injectClosed(constantConcurrentUsers(CONCURRENCY).during(Duration.ofSeconds(SECONDS)))).protocols(protocol);
        }
    }
}
