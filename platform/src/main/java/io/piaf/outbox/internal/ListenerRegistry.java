package io.piaf.outbox.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

import io.piaf.outbox.EventContext;
import io.piaf.outbox.EventTypes;
import io.piaf.outbox.OutboxListener;

/** Finds every {@link OutboxListener} method once, after all singletons exist. */
final class ListenerRegistry implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ListenerRegistry.class);

    record Listener(String id, String eventType, Class<?> eventClass, Object bean, Method method, boolean takesContext) {
    }

    private final ConfigurableListableBeanFactory beans;
    private volatile Map<String, Listener> byId = Map.of();
    private volatile Map<String, String[]> idsByType = Map.of();
    private volatile String[] allIds;

    ListenerRegistry(ConfigurableListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public void afterSingletonsInstantiated() {
        var found = new HashMap<String, Listener>();
        for (var name : beans.getBeanDefinitionNames()) {
            var type = beans.getType(name, false);
            if (type == null || type.getName().startsWith("org.springframework.")) {
                continue;
            }
            var userType = ClassUtils.getUserClass(type);
            Map<Method, OutboxListener> methods = MethodIntrospector.selectMethods(userType,
                    (MethodIntrospector.MetadataLookup<OutboxListener>) m -> AnnotatedElementUtils.findMergedAnnotation(m, OutboxListener.class));
            if (methods.isEmpty()) {
                continue;
            }
            var bean = beans.getBean(name);
            methods.forEach((method, annotation) -> {
                var listener = describe(bean, userType, method, annotation);
                var previous = found.putIfAbsent(listener.id(), listener);
                if (previous != null) {
                    throw new IllegalStateException("Two outbox listeners share the id " + listener.id() + ": "
                            + previous.method() + " and " + method);
                }
            });
        }
        var byType = new HashMap<String, List<String>>();
        found.values().forEach(l -> byType.computeIfAbsent(l.eventType(), t -> new ArrayList<>()).add(l.id()));
        var ids = new HashMap<String, String[]>();
        byType.forEach((type, list) -> ids.put(type, list.stream().sorted().toArray(String[]::new)));
        this.byId = Map.copyOf(found);
        this.idsByType = Map.copyOf(ids);
        this.allIds = found.keySet().stream().sorted().toArray(String[]::new);
        log.info("Outbox listeners: {}", found.keySet().stream().sorted().toList());
    }

    private static Listener describe(Object bean, Class<?> userType, Method method, OutboxListener annotation) {
        var params = method.getParameterTypes();
        var takesContext = params.length == 2 && params[1] == EventContext.class;
        if (params.length != 1 && !takesContext) {
            throw new IllegalStateException("@OutboxListener " + method
                    + " must take (Event) or (Event, EventContext)");
        }
        var id = annotation.id().isBlank() ? defaultId(userType, method) : annotation.id();
        var invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
        invocable.setAccessible(true);
        return new Listener(id, EventTypes.nameOf(params[0]), params[0], bean, invocable, takesContext);
    }

    private static String defaultId(Class<?> type, Method method) {
        var pkg = type.getPackageName();
        var module = pkg.startsWith("io.piaf.") ? pkg.substring("io.piaf.".length()).split("\\.")[0] : pkg;
        return module + "." + type.getSimpleName() + "." + method.getName();
    }

    /** Listener ids of an event type, in a stable order; empty when nobody listens. */
    String[] listenerIdsFor(String eventType) {
        if (allIds == null) {
            // An event appended now would get no deliveries: listeners are found only once every bean exists.
            throw new IllegalStateException("Outbox listeners are not known yet; append events once the application has started");
        }
        return idsByType.getOrDefault(eventType, new String[0]);
    }

    String[] allIds() {
        return allIds;
    }

    Listener listener(String id) {
        return byId.get(id);
    }
}
