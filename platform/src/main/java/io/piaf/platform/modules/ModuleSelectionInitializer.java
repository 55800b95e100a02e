package io.piaf.platform.modules;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Leaves the modules this process does not run out of the component scan, before any bean definition exists: their
 * controllers, listeners, jobs and configuration are simply not there. {@code @SpringBootApplication}'s scan consults
 * every {@link TypeExcludeFilter} bean, so registering one here is all it takes; with every module selected (the
 * default) nothing is registered at all.
 */
public class ModuleSelectionInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(ModuleSelectionInitializer.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var selection = ModuleSelection.from(context.getEnvironment());
        if (selection.all()) {
            return;
        }
        log.info("Modules in this process: {}", selection.only().isEmpty()
                ? "all but " + selection.without() : selection.only() + " and the shared " + ModuleSelection.SHARED);
        context.getBeanFactory().registerSingleton("piafModuleSelectionFilter", new Filter(selection));
    }

    private static final class Filter extends TypeExcludeFilter {

        private final ModuleSelection selection;

        Filter(ModuleSelection selection) {
            this.selection = selection;
        }

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            return !selection.runsClass(reader.getClassMetadata().getClassName());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Filter filter && filter.selection.equals(selection);
        }

        @Override
        public int hashCode() {
            return selection.hashCode();
        }
    }
}
