package io.piaf.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.ActiveProfiles;

import io.piaf.identity.Identity;
import io.piaf.identity.PinCheck;

/**
 * Identity on its own (its module and the shared ones, none of the modules that use it): PIN checks, alone and in a
 * batch, and the lockout they share.
 */
@ApplicationModuleTest
@ActiveProfiles("test")
class IdentityModuleTests {

    @Autowired Identity identity;
    @Autowired ApplicationContext context;

    @Test
    void a_batch_checks_each_users_pin_and_counts_each_ones_failures() {
        var alice = TestUsers.person(context, "alice", "3947");
        var bob = TestUsers.person(context, "bob", "3947");
        var carol = TestUsers.person(context, "carol", null);

        var checks = identity.checkPins(Map.of(alice, "3947", bob, "1111", carol, "3947")).block();

        assertThat(checks).containsEntry(alice, new PinCheck.Accepted()).containsEntry(bob, new PinCheck.Rejected(2))
                .containsEntry(carol, new PinCheck.NotSet());
        assertThat(identity.checkPin(bob, "1111").block()).isEqualTo(new PinCheck.Rejected(1));
        assertThat(identity.checkPins(Map.of(bob, "1111")).block().get(bob)).isInstanceOf(PinCheck.Locked.class);
        assertThat(identity.checkPin(bob, "3947").block()).as("the right PIN while locked").isInstanceOf(PinCheck.Locked.class);
        assertThat(identity.checkPin(alice, "3947").block()).as("another user is not locked").isEqualTo(new PinCheck.Accepted());
    }

    @Test
    void a_right_pin_forgets_the_wrong_ones_before_it() {
        var dave = TestUsers.person(context, "dave", "3947");

        identity.checkPin(dave, "0001").block();
        identity.checkPin(dave, "0002").block();
        assertThat(identity.checkPin(dave, "3947").block()).isEqualTo(new PinCheck.Accepted());

        assertThat(identity.checkPin(dave, "0003").block()).isEqualTo(new PinCheck.Rejected(2));
    }
}
