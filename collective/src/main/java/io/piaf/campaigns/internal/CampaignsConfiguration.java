package io.piaf.campaigns.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CampaignsProperties.class)
class CampaignsConfiguration {
}
