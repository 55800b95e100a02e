package io.piaf.platform.modules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;

import reactor.core.publisher.Mono;

/**
 * Security of a process that runs only some modules ({@code piaf.modules.only}): the app's assembly, which holds
 * Piaf's own security rules, is not in it, and neither is identity, which issues the tokens. Its API takes the same
 * user tokens as Piaf's, verified against identity's published keys ({@code /.well-known/jwks.json}, fetched on the
 * first token and again on an unknown {@code kid}, so a key rotation needs nothing here) with identity's rules: RS256
 * only, {@code exp} required, 60 s of skew, issuer {@code urn:piaf}, and an audience, when there is one, naming Piaf's
 * API. The JWKS rather than the signing key file: this process then holds no secret able to mint a token.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("piaf.modules.only")
@EnableWebFluxSecurity
@EnableConfigurationProperties(StandaloneModuleSecurity.TokenProperties.class)
class StandaloneModuleSecurity {

    /**
     * {@code piaf.modules.tokens.*}.
     *
     * @param jwksUrl identity's JWK set, e.g. {@code http://piaf:8080/.well-known/jwks.json}
     */
    @ConfigurationProperties("piaf.modules.tokens")
    record TokenProperties(String jwksUrl, @DefaultValue("urn:piaf") String issuer, @DefaultValue("urn:piaf:api") String audience,
            @DefaultValue("60s") Duration clockSkew) {

        TokenProperties {
            if (jwksUrl == null || jwksUrl.isBlank()) {
                throw new IllegalStateException("piaf.modules.only is set: give piaf.modules.tokens.jwks-url (identity's "
                        + "/.well-known/jwks.json) so that this process can verify Piaf's tokens");
            }
        }
    }

    @Bean
    ReactiveJwtDecoder standaloneJwtDecoder(TokenProperties properties) {
        var decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksUrl()).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        // The issuer stays a string (a urn: issuer as a java.net.URL costs four exceptions per request: docs/traps.md).
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(
                Map.<String, Converter<Object, ?>>of(JwtClaimNames.ISS, issuer -> issuer == null ? null : issuer.toString())));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(properties.issuer()),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, audience -> audience == null || audience.contains(properties.audience()))));
        return decoder;
    }

    @Bean
    SecurityWebFilterChain standaloneModuleFilterChain(ServerHttpSecurity http) {
        // Failures are re-thrown so that the platform's problem+json handler writes them, as in Piaf.
        ServerAuthenticationEntryPoint rethrowAuthentication = (exchange, error) -> Mono.error(error);
        ServerAccessDeniedHandler rethrowDenied = (exchange, error) -> Mono.error(error);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        // user tokens only (scope "user"), as Piaf's own rules give every user endpoint
                        .pathMatchers("/api/**").hasAuthority("SCOPE_user")
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        // the other actuator endpoints: loopback callers only
                        .pathMatchers("/actuator/**").access((authentication, context) -> Mono.just(
                                new org.springframework.security.authorization.AuthorizationDecision(loopback(context.getExchange()))))
                        .anyExchange().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> { })
                        .authenticationEntryPoint(rethrowAuthentication).accessDeniedHandler(rethrowDenied))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(rethrowAuthentication).accessDeniedHandler(rethrowDenied))
                .build();
    }

    private static boolean loopback(org.springframework.web.server.ServerWebExchange exchange) {
        var address = exchange.getRequest().getRemoteAddress();
        return address != null && address.getAddress() != null && address.getAddress().isLoopbackAddress();
    }
}
