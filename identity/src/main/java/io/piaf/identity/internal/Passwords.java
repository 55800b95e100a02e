package io.piaf.identity.internal;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Argon2id password hashes (by default Spring Security's 5.8 parameters: 16 MiB, 2 passes; see
 * {@link IdentityProperties.PasswordHash}). Hashing costs tens of milliseconds of CPU by design, so it runs off the
 * event loop.
 */
@Component
class Passwords {

    private final Argon2PasswordEncoder encoder;
    // Compared against when the handle is unknown, so that a miss costs as much time as a wrong password.
    private final String decoy;

    Passwords(IdentityProperties properties) {
        var work = properties.passwordHash();
        // salt 16 bytes, hash 32 bytes, parallelism 1: as defaultsForSpringSecurity_v5_8()
        encoder = new Argon2PasswordEncoder(16, 32, 1, work.memoryKib(), work.iterations());
        decoy = encoder.encode("decoy-password-for-timing");
    }

    Mono<String> hash(String password) {
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(Schedulers.boundedElastic());
    }

    Mono<Boolean> matches(String password, String hash) {
        return Mono.fromCallable(() -> encoder.matches(password, hash == null ? decoy : hash) && hash != null)
                .subscribeOn(Schedulers.boundedElastic());
    }
}
