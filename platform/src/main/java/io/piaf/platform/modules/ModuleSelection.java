package io.piaf.platform.modules;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.env.Environment;

/**
 * The application modules this process runs, from {@code piaf.modules.only} or {@code piaf.modules.without} (a
 * comma-separated list of module names, {@code notifications}). A module is the first package segment below
 * {@code io.piaf} and also the name of its schema. The shared modules — what every module stands on: common,
 * platform, the outbox and idempotency — always run.
 *
 * @param only the modules to run besides the shared ones; empty: every module
 * @param without modules not to run here (they run elsewhere)
 */
public record ModuleSelection(Set<String> only, Set<String> without) {

    public static final Set<String> SHARED = Set.of("common", "platform", "outbox", "idempotency");
    private static final String BASE = "io.piaf.";

    public ModuleSelection {
        only = Set.copyOf(only);
        without = Set.copyOf(without);
        if (!only.isEmpty() && !without.isEmpty()) {
            throw new IllegalStateException("Set piaf.modules.only or piaf.modules.without, not both");
        }
        if (without.stream().anyMatch(SHARED::contains)) {
            throw new IllegalStateException("piaf.modules.without names a shared module " + without + "; " + SHARED + " always run");
        }
    }

    public static ModuleSelection from(Environment environment) {
        return new ModuleSelection(names(environment.getProperty("piaf.modules.only")),
                names(environment.getProperty("piaf.modules.without")));
    }

    /** Whether every module runs here (the default: nothing to filter). */
    public boolean all() {
        return only.isEmpty() && without.isEmpty();
    }

    /** Whether module (or schema) {@code name} runs in this process. */
    public boolean runs(String module) {
        if (SHARED.contains(module)) {
            return true;
        }
        return only.isEmpty() ? !without.contains(module) : only.contains(module);
    }

    /** Whether the class belongs to a module that runs here; classes outside {@code io.piaf.<module>.} always do. */
    public boolean runsClass(String className) {
        if (!className.startsWith(BASE)) {
            return true;
        }
        var rest = className.substring(BASE.length());
        var dot = rest.indexOf('.');
        return dot < 0 || runs(rest.substring(0, dot));
    }

    private static Set<String> names(String list) {
        return list == null ? Set.of() : Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
