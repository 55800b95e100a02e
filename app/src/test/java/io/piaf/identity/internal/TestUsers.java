package io.piaf.identity.internal;

import java.util.UUID;

import org.springframework.context.ApplicationContext;

import io.piaf.identity.UserId;

/**
 * Users for module tests of the modules above identity, made through identity's own service (its internals are not
 * theirs to call): a person with a password and, when given, a PIN.
 */
public final class TestUsers {

    private TestUsers() {
    }

    public static UserId person(ApplicationContext context, String handlePrefix, String pin) {
        var identity = context.getBean(IdentityService.class);
        var handle = (handlePrefix + "_" + UUID.randomUUID().toString().replace("-", "")).substring(0, 20);
        var user = identity.signUp(new IdentityService.SignUp(handle, "a long password", handlePrefix, null)).block();
        if (pin != null) {
            identity.setPin(user.id(), pin, null, "a long password").block();
        }
        return user.id();
    }
}
