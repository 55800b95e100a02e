package io.piaf.architecture;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.util.ApplicationModulesExporter;
import org.springframework.modulith.docs.Documenter;

import io.piaf.PiafApplication;

/** The module boundaries hold, and the diagrams in docs/ are what the code is. */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(PiafApplication.class);

    @Test
    void modules_only_use_each_others_published_api_and_have_no_cycles() {
        MODULES.verify();
    }

    @Test
    void documents_the_modules() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("../docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases()
                .writeAggregatingDocument();
    }

    /**
     * The module model that {@code /actuator/modulith} serves, computed here once instead of by an ArchUnit scan of
     * the whole class path at every start (seconds of CPU on a small machine).
     */
    @Test
    void precomputes_the_module_model_for_the_actuator() throws java.io.IOException {
        var file = java.nio.file.Path.of("src/main/resources/META-INF/spring-modulith/application-modules.json");
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, new ApplicationModulesExporter(MODULES).toJson());
    }
}
