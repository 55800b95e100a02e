package io.piaf.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Rules `verify()` does not cover: what domain code may depend on, and how modules are shaped. */
class ArchitectureRulesTests {

    static final JavaClasses PIAF = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.piaf");

    private static final String[] FRAMEWORK = {
            "org.springframework..", "io.r2dbc..", "reactor.netty..", "jakarta.servlet..", "tools.jackson..",
            "com.fasterxml.jackson..", "org.web3j.." };

    @Test
    void domain_code_is_plain_java() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORK)
                .because("domain logic is plain Java; adapters translate at the edge")
                .check(PIAF);
    }

    @Test
    void published_event_records_are_framework_free() {
        noClasses().that().resideInAnyPackage("io.piaf.identity", "io.piaf.messaging", "io.piaf.payments",
                        "io.piaf.savings", "io.piaf.cards", "io.piaf.crypto", "io.piaf.unlocks", "io.piaf.common")
                .and().areRecords()
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORK)
                .because("events and values in a module's API may one day travel to another service")
                .check(PIAF);
    }

    @Test
    void no_module_touches_another_modules_internals() {
        for (var module : new String[] { "identity", "messaging", "payments", "savings", "cards", "crypto", "unlocks", "notifications", "outbox", "idempotency", "platform", "web", "app" }) {
            noClasses().that().resideOutsideOfPackage("io.piaf." + module + "..")
                    .should().dependOnClassesThat().resideInAPackage("io.piaf." + module + ".internal..")
                    .allowEmptyShould(true)
                    .check(PIAF);
        }
    }

    @Test
    void modules_have_no_cycles() {
        slices().matching("io.piaf.(*)..").should().beFreeOfCycles().check(PIAF);
    }

    @Test
    void module_internals_are_not_public_web_controllers() {
        classes().that().areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .should().notBePublic()
                .because("controllers are adapters inside a module, not its API")
                .check(PIAF);
    }
}
