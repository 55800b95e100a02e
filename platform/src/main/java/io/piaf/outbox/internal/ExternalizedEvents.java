package io.piaf.outbox.internal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import io.piaf.common.Externalized;
import io.piaf.outbox.EventTypes;

/** The event types annotated {@link Externalized} in Piaf's packages, found once at start-up. */
final class ExternalizedEvents {

    /** One externalized event type: its logical name, its stream and the JSON pointer to its aggregate id. */
    record Type(String name, Class<?> eventClass, String stream, String keyPointer) {
    }

    private ExternalizedEvents() {
    }

    static List<Type> scan(String basePackage, ClassLoader classLoader) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Externalized.class));
        var found = new ArrayList<Type>();
        for (var candidate : scanner.findCandidateComponents(basePackage)) {
            var type = ClassUtils.resolveClassName(candidate.getBeanClassName(), classLoader);
            found.add(describe(type));
        }
        return found;
    }

    static Type describe(Class<?> type) {
        var annotation = type.getAnnotation(Externalized.class);
        EventTypes.versionOf(type); // an externalized event must say which shape it has
        if (!annotation.key().startsWith("/") || annotation.value().isBlank()) {
            throw new IllegalStateException("@Externalized on " + type.getName()
                    + " needs a stream name and a JSON pointer to the aggregate id (\"/payment/paymentId\")");
        }
        return new Type(EventTypes.nameOf(type), type, annotation.value(), annotation.key());
    }
}
