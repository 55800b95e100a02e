package io.piaf.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Rules `verify()` does not cover: what domain code may depend on, and how modules are shaped. */
class ArchitectureRulesTests {

    static final JavaClasses PIAF = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.piaf");

    /** Every module, found rather than listed, so that a new module is held to the rules from its first class. */
    private static final String[] MODULES = PIAF.stream().map(c -> c.getPackageName())
            .filter(name -> name.startsWith("io.piaf."))
            .map(name -> name.split("\\.")[2]).distinct().sorted().toArray(String[]::new);

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
        // app's root package is the deployable's own web adapters, not a module API that events travel from
        noClasses().that().resideInAnyPackage(java.util.Arrays.stream(MODULES).filter(module -> !module.equals("app"))
                        .map(module -> "io.piaf." + module).toArray(String[]::new))
                .and().areRecords()
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORK)
                .because("events and values in a module's API may one day travel to another service")
                .check(PIAF);
    }

    @Test
    void no_module_touches_another_modules_internals() {
        assertThat(MODULES).contains("identity", "payments", "commerce", "pots", "campaigns", "requests", "budgets", "unlocks");
        for (var module : MODULES) {
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

    /**
     * Notifications runs in its own process as well (the notifications-service profile): it may take other modules'
     * events and values, never call them. An interface of another module's API is a bean it would call (PostAudience
     * was one; messaging now publishes UsersMentioned instead).
     */
    @Test
    void notifications_only_hears_other_modules_and_never_calls_them() {
        noClasses().that().resideInAPackage("io.piaf.notifications..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "are interfaces of another module's API",
                        (com.tngtech.archunit.core.domain.JavaClass c) -> c.isInterface() && !c.isAnnotation()
                                && c.getPackageName().matches("io\\.piaf\\.(identity|messaging|payments|cards|savings|crypto|pots|campaigns|budgets|commerce|requests|unlocks)(\\..*)?")))
                .because("a module that runs as a service of its own has no in-process API of another module to call")
                .check(PIAF);
    }
}
