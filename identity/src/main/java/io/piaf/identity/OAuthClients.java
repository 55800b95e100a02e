package io.piaf.identity;

import java.util.Set;

import reactor.core.publisher.Mono;

/**
 * OAuth 2.0 clients that get tokens with the client credentials grant ({@code POST /oauth2/token}): a principal of
 * another module that is not a person, e.g. a merchant. Identity authenticates them and signs their tokens, so no
 * module holds a way to mint a token; the registering module keeps what the client means and names it by
 * {@code subject}, the {@code sub} of its tokens. Writes join the caller's transaction when there is one, so that a
 * client exists exactly when the caller's own record of it does.
 */
public interface OAuthClients {

    /**
     * A new client for {@code subject} with a first secret.
     *
     * @param scopes what its tokens may do, each {@code resource:action} (e.g. {@code checkout:write}); never a user's
     *        or an operator's scope
     */
    Mono<ClientCredentials> register(String subject, Set<String> scopes);

    /**
     * A new secret for the client. The older ones keep working for the configured overlap
     * ({@code piaf.identity.client-secret-overlap}, 24 h), or stop now when {@code revokeOthers}.
     */
    Mono<ClientCredentials> rotate(ClientId client, boolean revokeOthers);

    /** Every secret of the client stops working now; tokens already issued live until their {@code exp}. */
    Mono<Void> revoke(ClientId client);

    Mono<ClientDescription> describe(ClientId client);
}
