package io.piaf.unlocks.internal;

import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.piaf.platform.secrets.SecretStore;
import io.piaf.unlocks.internal.domain.ContentLinks;
import io.piaf.unlocks.internal.domain.FileRules;
import io.piaf.unlocks.internal.domain.UnlockLimits;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UnlocksProperties.class)
class UnlocksConfiguration {

    /** The link key comes from the platform's SecretStore like every other key: never from the database. */
    @Bean
    ContentLinks contentLinks(UnlocksProperties properties, SecretStore secrets) {
        var key = secrets.get("unlocks-link-key", properties.linkKey(), "PIAF_UNLOCKS_LINK_KEY", () -> {
            var bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        });
        return new ContentLinks(Base64.getDecoder().decode(key), properties.linkTtl());
    }

    @Bean
    FileRules fileRules(UnlocksProperties properties) {
        return new FileRules(properties.fileMaxSize().toBytes());
    }

    @Bean
    UnlockLimits unlockLimits(UnlocksProperties properties) {
        return new UnlockLimits(properties.minimumAccountAge(), properties.perHour());
    }
}
