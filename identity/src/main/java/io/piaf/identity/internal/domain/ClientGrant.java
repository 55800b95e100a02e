package io.piaf.identity.internal.domain;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The client credentials grant (RFC 6749 §4.4) as rules: who the client says it is, and which scopes it gets. Every
 * refusal is one of RFC 6749's error codes (§5.2), the form OAuth client libraries understand.
 */
public final class ClientGrant {

    /** A client's scope is {@code resource:action}: it can never be {@code user} or {@code ops}. */
    private static final Pattern CLIENT_SCOPE = Pattern.compile("[a-z]{2,20}:[a-z]{2,20}");

    /** The credentials a request presents. */
    public record Presented(String clientId, String secret) {

        @Override
        public String toString() {
            return "Presented[" + clientId + ", ****]";
        }
    }

    /** What the request asks for, or the RFC 6749 error that refuses it. */
    public sealed interface Outcome {
        record Asked(Presented credentials, String requestedScope) implements Outcome {
        }

        /** @param status 400, or 401 for {@code invalid_client} */
        record Refused(int status, String error, String description) implements Outcome {
        }
    }

    private ClientGrant() {
    }

    public static boolean isClientScope(String scope) {
        return scope != null && CLIENT_SCOPE.matcher(scope).matches();
    }

    /**
     * Reads a token request: {@code grant_type=client_credentials}, the client authenticated with HTTP Basic (RFC 6749
     * §2.3.1: id and secret form-encoded, then base64) or, as the RFC also allows, with {@code client_id} and
     * {@code client_secret} in the body — one way only. Each parameter at most once.
     */
    public static Outcome read(String authorization, java.util.Map<String, List<String>> form) {
        for (var name : List.of("grant_type", "scope", "client_id", "client_secret")) {
            if (form.getOrDefault(name, List.of()).size() > 1) {
                return new Outcome.Refused(400, "invalid_request", "The parameter " + name + " is repeated.");
            }
        }
        var grant = first(form, "grant_type");
        if (grant == null) {
            return new Outcome.Refused(400, "invalid_request", "grant_type is required.");
        }
        if (!grant.equals("client_credentials")) {
            return new Outcome.Refused(400, "unsupported_grant_type", "Only grant_type=client_credentials is supported here.");
        }
        var inBody = first(form, "client_id") != null || first(form, "client_secret") != null;
        var basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        if (inBody && basic) {
            return new Outcome.Refused(400, "invalid_request", "Authenticate the client one way: HTTP Basic or the body, not both.");
        }
        Presented presented = basic ? basic(authorization.substring(6).strip())
                : inBody ? new Presented(first(form, "client_id"), first(form, "client_secret")) : null;
        if (presented == null || presented.clientId() == null || presented.secret() == null
                || presented.clientId().isEmpty() || presented.secret().isEmpty()) {
            return new Outcome.Refused(401, "invalid_client", "Client authentication failed.");
        }
        return new Outcome.Asked(presented, first(form, "scope"));
    }

    /**
     * The scopes to grant: all the client holds when none are asked, else exactly those asked (space-separated),
     * each of which it must hold; null when it asks for one it does not hold ({@code invalid_scope}).
     */
    public static Set<String> granted(String requested, Set<String> held) {
        if (requested == null || requested.isBlank()) {
            return Set.copyOf(held);
        }
        var asked = new LinkedHashSet<String>();
        for (var scope : requested.strip().split(" +")) {
            if (!held.contains(scope)) {
                return null;
            }
            asked.add(scope);
        }
        return asked;
    }

    private static Presented basic(String encoded) {
        try {
            var decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            var colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new Presented(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String first(java.util.Map<String, List<String>> form, String name) {
        var values = form.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
