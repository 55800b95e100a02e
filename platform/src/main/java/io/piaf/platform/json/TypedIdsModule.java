package io.piaf.platform.json;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.UUID;

import org.springframework.stereotype.Component;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.ValueSerializerModifier;

/**
 * Writes Piaf's typed ids ({@code PaymentId}, {@code UserId}…: records of one {@code UUID}) as the bare UUID string,
 * and reads them back, so that events and responses say {@code "paymentId":"8f0c…"} rather than
 * {@code {"value":"8f0c…"}} to a consumer outside the JVM. Done here, once, because a module's API records stay free
 * of Jackson annotations. Boot adds every {@code JacksonModule} bean to its {@code JsonMapper}.
 */
@Component
public class TypedIdsModule extends SimpleModule {

    public TypedIdsModule() {
        super("piaf-typed-ids");
        setSerializerModifier(new ValueSerializerModifier() {
            @Override
            public ValueSerializer<?> modifySerializer(SerializationConfig config, BeanDescription.Supplier description,
                    ValueSerializer<?> serializer) {
                var type = description.getBeanClass();
                return isTypedId(type) ? new IdSerializer(type.getRecordComponents()[0].getAccessor()) : serializer;
            }
        });
        setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier description,
                    ValueDeserializer<?> deserializer) {
                var type = description.getBeanClass();
                return isTypedId(type) ? new IdDeserializer(canonicalConstructor(type)) : deserializer;
            }
        });
    }

    static boolean isTypedId(Class<?> type) {
        if (!type.isRecord() || !type.getPackageName().startsWith("io.piaf.")) {
            return false;
        }
        var components = type.getRecordComponents();
        return components.length == 1 && components[0].getType() == UUID.class;
    }

    private static Constructor<?> canonicalConstructor(Class<?> type) {
        try {
            var constructor = type.getDeclaredConstructor(UUID.class);
            constructor.setAccessible(true);
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type + " has no canonical constructor", e);
        }
    }

    private static final class IdSerializer extends ValueSerializer<Object> {

        private final Method value;

        IdSerializer(Method value) {
            this.value = value;
        }

        @Override
        public void serialize(Object id, JsonGenerator generator, SerializationContext context) {
            try {
                generator.writeString(value.invoke(id).toString());
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final class IdDeserializer extends ValueDeserializer<Object> {

        private final Constructor<?> constructor;

        IdDeserializer(Constructor<?> constructor) {
            this.constructor = constructor;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            String text;
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                text = parser.getString();
            } else if (parser.currentToken() == JsonToken.START_OBJECT) {
                // {"value":"…"}: how ids were written before this module, in events still waiting in an outbox
                var node = context.readTree(parser);
                text = node.has("value") ? node.get("value").asString() : null;
            } else {
                text = null;
            }
            if (text == null) {
                return context.handleUnexpectedToken(constructor.getDeclaringClass(), parser);
            }
            try {
                return constructor.newInstance(UUID.fromString(text));
            } catch (IllegalArgumentException e) {
                return context.handleWeirdStringValue(constructor.getDeclaringClass(), text, "not a UUID");
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
