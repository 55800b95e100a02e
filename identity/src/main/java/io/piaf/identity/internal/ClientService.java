package io.piaf.identity.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import org.springframework.stereotype.Service;

import io.piaf.identity.ClientCredentials;
import io.piaf.identity.ClientDescription;
import io.piaf.identity.ClientId;
import io.piaf.identity.OAuthClients;
import io.piaf.identity.internal.domain.ClientGrant;
import io.piaf.identity.internal.domain.ClientSecrets;
import io.piaf.platform.ratelimit.RateLimits;
import reactor.core.publisher.Mono;

/** OAuth clients: registered and rotated by their module, authenticated and issued tokens here. */
@Service
class ClientService implements OAuthClients {

    /** A token for a client, or the RFC 6749 error that refuses it. */
    sealed interface Grant {
        record Issued(KeyRing.IssuedToken token, Set<String> scopes) implements Grant {
        }

        record Refused(ClientGrant.Outcome.Refused error) implements Grant {
        }
    }

    private final ClientStore clients;
    private final KeyRing keys;
    private final RateLimits rateLimits;
    private final IdentityProperties properties;

    ClientService(ClientStore clients, KeyRing keys, RateLimits rateLimits, IdentityProperties properties) {
        this.clients = clients;
        this.keys = keys;
        this.rateLimits = rateLimits;
        this.properties = properties;
    }

    @Override
    public Mono<ClientCredentials> register(String subject, Set<String> scopes) {
        if (subject == null || subject.isBlank() || scopes.isEmpty() || !scopes.stream().allMatch(ClientGrant::isClientScope)) {
            return Mono.error(new IllegalArgumentException("A client has a subject and resource:action scopes: " + scopes));
        }
        var id = new ClientId(ClientSecrets.newClientId());
        var secret = ClientSecrets.newSecret();
        return clients.insert(id, subject, scopes, ClientSecrets.hash(secret), ClientSecrets.hint(secret))
                .thenReturn(new ClientCredentials(id, secret, null));
    }

    @Override
    public Mono<ClientCredentials> rotate(ClientId client, boolean revokeOthers) {
        var secret = ClientSecrets.newSecret();
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var othersExpireAt = revokeOthers ? now : now.plus(properties.clientSecretOverlap());
        return clients.addSecret(client, ClientSecrets.hash(secret), ClientSecrets.hint(secret), othersExpireAt)
                .switchIfEmpty(Mono.error(() -> new IllegalArgumentException("No client " + client)))
                .map(expire -> new ClientCredentials(client, secret, expire));
    }

    @Override
    public Mono<Void> revoke(ClientId client) {
        return clients.expireAll(client).then();
    }

    @Override
    public Mono<ClientDescription> describe(ClientId client) {
        return clients.describe(client);
    }

    /** The client credentials grant: authenticates the client, then signs a short-lived token with its scopes. */
    Mono<Grant> token(ClientGrant.Presented presented, String requestedScope) {
        // Secrets are guessed per client id: limited per id whatever the address (the address is limited at the edge).
        rateLimits.acquire("oauth-token-per-client", presented.clientId());
        if (!ClientId.isWellFormed(presented.clientId()) || presented.secret().length() > 100) {
            return Mono.just(invalidClient());
        }
        return clients.authenticate(presented.clientId(), ClientSecrets.hash(presented.secret()))
                .map(client -> {
                    var granted = ClientGrant.granted(requestedScope, client.scopes());
                    if (granted == null) {
                        return (Grant) new Grant.Refused(new ClientGrant.Outcome.Refused(400, "invalid_scope",
                                "The client may not ask for that scope; it holds: " + String.join(" ", client.scopes().stream().sorted().toList())));
                    }
                    var scope = String.join(" ", granted.stream().sorted().toList());
                    return new Grant.Issued(keys.issueForClient(properties.issuer(), client.subject(), client.id().value(), scope,
                            properties.audience(), properties.clientTokenTtl()), granted);
                })
                .defaultIfEmpty(invalidClient());
    }

    private static Grant invalidClient() {
        return new Grant.Refused(new ClientGrant.Outcome.Refused(401, "invalid_client", "Client authentication failed."));
    }
}
