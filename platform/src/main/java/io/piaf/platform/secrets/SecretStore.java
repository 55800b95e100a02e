package io.piaf.platform.secrets;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * A module's secret by name: its configured value if any (an environment variable from a secret store), else the file
 * {@code <piaf.secrets.dir>/<name>} (a secret store's mount), else — in development only, when
 * {@code piaf.secrets.generate} is true — a value generated once into that file, owner-only. With generation off (the
 * {@code prod} profile) a missing secret stops the start with a message that says how to provide it.
 */
@Component
public class SecretStore {

    private static final Logger log = LoggerFactory.getLogger(SecretStore.class);

    /**
     * {@code piaf.secrets.*}.
     *
     * @param dir where secret files are read (and, in development, generated)
     * @param generate whether a missing secret may be generated (development); off in production
     */
    @ConfigurationProperties("piaf.secrets")
    public record Properties(@DefaultValue("data/secrets") Path dir, @DefaultValue("true") boolean generate) {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(Properties.class)
    static class SecretsConfiguration {
    }

    private final Properties properties;

    SecretStore(Properties properties) {
        this.properties = properties;
    }

    public Path dir() {
        return properties.dir();
    }

    /**
     * @param name the file name of the secret, e.g. {@code pin-peppers}
     * @param configured the module's configured value (blank or null when unset)
     * @param variable the environment variable that sets it, for the error message
     * @param generator makes a fresh value, in development
     */
    public String get(String name, String configured, String variable, Supplier<String> generator) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        var file = properties.dir().resolve(name);
        var stored = SecretFiles.read(properties.dir(), name);
        if (stored.isPresent()) {
            if (SecretFiles.readableByOthers(file)) {
                log.warn("The secret file {} can be read by other users: chmod 600 it", file.toAbsolutePath());
            }
            return stored.get();
        }
        if (!properties.generate()) {
            throw new IllegalStateException("The secret '" + name + "' is missing: set " + variable + " or put it in the file "
                    + file.toAbsolutePath() + " (PIAF_SECRETS_DIR names the directory). Piaf generates secrets only in "
                    + "development, never with the prod profile.");
        }
        var value = SecretFiles.writeIfAbsent(properties.dir(), name, generator.get());
        log.info("Secret '{}' generated into {} (development only: production provides it)", name, file.toAbsolutePath());
        return value;
    }
}
