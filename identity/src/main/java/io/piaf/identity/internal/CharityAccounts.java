package io.piaf.identity.internal;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.piaf.identity.AccountKind;
import io.piaf.identity.Handle;
import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.UserId;

/**
 * Creates the configured verified charities as accounts (once; later starts find them). Runs at start, after every
 * outbox listener is known, so that their {@code UserRegistered} reaches payments, which opens their wallets.
 */
@Component
class CharityAccounts implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CharityAccounts.class);

    private final IdentityService identity;
    private final CharitiesProperties properties;
    private volatile boolean running;

    CharityAccounts(IdentityService identity, CharitiesProperties properties) {
        this.identity = identity;
        this.properties = properties;
    }

    @Override
    public void start() {
        for (var charity : properties.charitiesOrNone()) {
            var handle = Handle.parse(charity.handle());
            var created = identity.register(UserRow.newAccount(UserId.random(), handle.value(), charity.displayName(), null,
                    AccountKind.CHARITY, null, PaymentVisibility.PUBLIC, Instant.now())).block();
            if (created != null) {
                log.info("Verified charity @{} ({}) created", handle, charity.displayName());
            }
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
