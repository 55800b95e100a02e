package io.piaf.platform.json;

import java.math.BigInteger;

import org.springframework.stereotype.Component;

import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.ToStringSerializer;

/**
 * Writes {@code BigInteger}s (token base units, up to 2^256) as JSON strings: a JavaScript consumer of an event reads
 * a JSON number through a double and silently loses every digit past 2^53. Reading accepts both forms.
 */
@Component
public class BigIntegersAsStringsModule extends SimpleModule {

    public BigIntegersAsStringsModule() {
        super("piaf-big-integers-as-strings");
        addSerializer(BigInteger.class, ToStringSerializer.instance);
    }
}
