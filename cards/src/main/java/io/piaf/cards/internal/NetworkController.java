package io.piaf.cards.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.piaf.cards.internal.domain.NetworkSignature;
import io.piaf.common.ProblemException;
import io.piaf.common.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The issuer endpoint the card network calls (not users: no token, an HMAC signature instead). The body is verified
 * as received, bytes and all, before it is parsed. A refused message is logged with the reason and the caller's
 * address only: never its body, which carries card data.
 */
@RestController
@Tag(name = "Card network")
class NetworkController {

    static final String PATH = "/network/v1/messages";

    private static final Logger log = LoggerFactory.getLogger(NetworkController.class);

    @Schema(name = "CardNetworkAnswer", description = "The issuer's answer: approved, or declined with the reason code")
    record Response(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean approved,
            @Schema(format = "uuid", description = "The authorization the message created or applies to") String authorizationId,
            @Schema(pattern = "^[a-z_]{1,40}$", maxLength = 40, description = "A decline's reason code") String reason) {
    }

    private final IssuerService issuer;
    private final CardKeys keys;
    private final CardsProperties properties;
    private final JsonMapper json;

    private final MeterRegistry meters;

    NetworkController(IssuerService issuer, CardKeys keys, CardsProperties properties, JsonMapper json, MeterRegistry meters) {
        this.issuer = issuer;
        this.keys = keys;
        this.properties = properties;
        this.json = json;
        this.meters = meters;
    }

    @PostMapping(path = PATH, consumes = "application/json")
    @Operation(summary = "Answer a card network message (authorization, incremental, reversal, clearing, refund)",
            description = "Signed: `Piaf-Network-Timestamp` (unix seconds, within 5 minutes) and `Piaf-Network-Signature: v1=<hex "
                    + "HMAC-SHA256(secret, timestamp + \".\" + body)>`. The same message `id` again gets the same answer. "
                    + "A decline is a 200 with `approved: false` and a `reason`.")
    @SecurityRequirements
    @ProblemResponse(status = 400, codes = "invalid_message")
    @ProblemResponse(status = 401, codes = "bad_signature", description = "Missing, malformed, stale or wrong signature.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "Verified as received, bytes and all",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = NetworkMessage.class)))
    Mono<Response> message(
            @Parameter(required = true, description = "Unix seconds; refused 5 minutes away from the issuer's clock",
                    schema = @Schema(pattern = "^[0-9]{1,12}$", maxLength = 12))
            @RequestHeader(name = "Piaf-Network-Timestamp", required = false) String timestamp,
            @Parameter(required = true, description = "v1= and the hex HMAC-SHA256 of timestamp + \".\" + body with the network's secret",
                    schema = @Schema(pattern = "^v1=[0-9a-f]{64}$", maxLength = 67))
            @RequestHeader(name = "Piaf-Network-Signature", required = false) String signature,
            @RequestBody(required = false) byte[] body, ServerHttpRequest request) {
        var bytes = body == null ? new byte[0] : body;
        var verdict = NetworkSignature.verify(keys.networkSecret(), timestamp, signature, bytes, Instant.now(), properties.replayWindow());
        if (verdict != NetworkSignature.Verdict.VALID) {
            log.warn("Network message refused: signature {} (from {}, {} bytes)", verdict, request.getRemoteAddress(), bytes.length);
            throw new ProblemException(401, "bad_signature", "The message's signature is missing, malformed, stale or wrong.");
        }
        NetworkMessage message;
        try {
            message = json.readValue(bytes, NetworkMessage.class);
        } catch (JacksonException e) {
            log.warn("Network message refused: not the JSON dialect (from {}, {} bytes)", request.getRemoteAddress(), bytes.length);
            throw ProblemException.badRequest("invalid_message", "The network message is not JSON of the expected shape.");
        }
        if (message == null) {
            throw ProblemException.badRequest("invalid_message", "The network message is empty.");
        }
        message.validated();
        var started = Timer.start(meters);
        return issuer.handle(message, sha256(bytes))
                .map(a -> new Response(a.approved(), a.authorizationId() == null ? null : a.authorizationId().toString(), a.reason()))
                .doOnSuccess(answer -> started.stop(timer(message.type(), answer == null ? "none" : answer.approved() ? "approved" : "declined")))
                .doOnError(error -> started.stop(timer(message.type(), "error")));
    }

    /** How long the issuer took to answer a network message, by its type and the answer (the endpoint is not observed). */
    private Timer timer(String type, String outcome) {
        return Timer.builder("piaf.cards.network.messages").description("Card network messages answered")
                .tag("type", type).tag("outcome", outcome).publishPercentileHistogram().register(meters);
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
