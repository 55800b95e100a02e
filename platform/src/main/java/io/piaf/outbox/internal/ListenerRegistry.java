package io.piaf.outbox.internal;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

import io.piaf.outbox.Delivered;
import io.piaf.outbox.EventContext;
import io.piaf.outbox.EventTypes;
import io.piaf.outbox.OutboxListener;

/** Finds every {@link OutboxListener} method once, after all singletons exist. */
final class ListenerRegistry implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ListenerRegistry.class);
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)+");

    /**
     * @param batch the method takes a {@code List<Delivered<E>>}
     * @param takesContext the method takes an {@code EventContext} after the event
     */
    record Listener(String id, String eventType, int eventVersion, Class<?> eventClass, Object bean, Method method,
            boolean batch, boolean takesContext) {
    }

    private final ConfigurableListableBeanFactory beans;
    private volatile Map<String, Listener> byId = Map.of();
    private volatile Map<String, ExternalSink> sinks = Map.of();
    private volatile List<Listener> fromBroker = List.of();
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
        var providers = beans.getBeanProvider(ExternalSink.Provider.class).orderedStream().toList();
        var byType = new HashMap<String, List<String>>();
        var fromBroker = new ArrayList<Listener>();
        found.values().forEach(l -> {
            if (providers.stream().anyMatch(p -> p.receivedFromBroker(ListenerIds.moduleOf(l.id()), l.eventType()))) {
                fromBroker.add(l); // still in allIds: deliveries appended before the switch are drained
            } else {
                byType.computeIfAbsent(l.eventType(), t -> new ArrayList<>()).add(l.id());
            }
        });
        var externalSinks = new HashMap<String, ExternalSink>();
        providers.stream().flatMap(p -> p.sinks().stream()).forEach(sink -> {
            if (!ID.matcher(sink.id()).matches() || found.containsKey(sink.id()) || externalSinks.putIfAbsent(sink.id(), sink) != null) {
                throw new IllegalStateException("External sink id \"" + sink.id() + "\" is malformed or taken");
            }
            sink.eventTypes().forEach(type -> byType.computeIfAbsent(type, t -> new ArrayList<>()).add(sink.id()));
        });
        this.fromBroker = List.copyOf(fromBroker);
        var ids = new HashMap<String, String[]>();
        byType.forEach((type, list) -> ids.put(type, list.stream().sorted().toArray(String[]::new)));
        this.byId = Map.copyOf(found);
        this.sinks = Map.copyOf(externalSinks);
        this.idsByType = Map.copyOf(ids);
        this.allIds = java.util.stream.Stream.concat(found.keySet().stream(), externalSinks.keySet().stream())
                .sorted().toArray(String[]::new);
        log.info("Outbox listeners: {}", List.of(allIds));
    }

    private static Listener describe(Object bean, Class<?> userType, Method method, OutboxListener annotation) {
        var params = method.getParameterTypes();
        var batchOf = batchEventType(method);
        var takesContext = params.length == 2 && params[1] == EventContext.class;
        if (batchOf == null && params.length != 1 && !takesContext) {
            throw new IllegalStateException("@OutboxListener " + method
                    + " must take (Event), (Event, EventContext) or (List<Delivered<Event>>)");
        }
        var module = moduleOf(userType);
        var id = annotation.id().isBlank() ? module + "." + userType.getSimpleName() + "." + method.getName() : annotation.id();
        if (!ID.matcher(id).matches() || !id.startsWith(module + ".")) {
            // The relay runs a module's listeners one after the other, telling modules apart by this prefix.
            throw new IllegalStateException("@OutboxListener id \"" + id + "\" of " + method + " must be "
                    + module + ".Name (letters, digits, _ and dots, starting with its module's name)");
        }
        var eventClass = batchOf != null ? batchOf : params[0];
        var invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
        invocable.setAccessible(true);
        return new Listener(id, EventTypes.nameOf(eventClass), EventTypes.versionOf(eventClass), eventClass, bean, invocable,
                batchOf != null, takesContext);
    }

    /** {@code E} of a {@code List<Delivered<E>>} parameter, or null when the method is not a batch listener. */
    private static Class<?> batchEventType(Method method) {
        if (method.getParameterCount() != 1 || method.getParameterTypes()[0] != List.class) {
            return null;
        }
        if (method.getGenericParameterTypes()[0] instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] instanceof ParameterizedType delivered
                && delivered.getRawType() == Delivered.class
                && delivered.getActualTypeArguments()[0] instanceof Class<?> event) {
            return event;
        }
        throw new IllegalStateException("@OutboxListener " + method + " takes a List: it must be a List<Delivered<Event>>");
    }

    private static String moduleOf(Class<?> type) {
        // the module of a class, as its listener ids must start with it
        var pkg = type.getPackageName();
        return pkg.startsWith("io.piaf.") ? pkg.substring("io.piaf.".length()).split("\\.")[0] : pkg;
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

    /** The modules that have listeners here, each drained by a loop of its own. */
    java.util.Set<String> modules() {
        return java.util.Arrays.stream(allIds).map(ListenerIds::moduleOf).collect(java.util.stream.Collectors.toSet());
    }

    String[] idsOf(String module) {
        return java.util.Arrays.stream(allIds).filter(id -> ListenerIds.moduleOf(id).equals(module)).toArray(String[]::new);
    }

    Listener listener(String id) {
        return byId.get(id);
    }

    /** The listeners that receive their events from a broker rather than from in-process deliveries. */
    List<Listener> receivedFromBroker() {
        return fromBroker;
    }

    /** The external sink with this listener id, or null when it is an in-process listener (or unknown). */
    ExternalSink sink(String id) {
        return sinks.get(id);
    }
}
