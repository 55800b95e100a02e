package io.piaf.architecture;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
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
}
