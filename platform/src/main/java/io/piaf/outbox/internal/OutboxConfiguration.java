package io.piaf.outbox.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ OutboxProperties.class, KafkaEventsProperties.class })
class OutboxConfiguration {

    @Bean
    OutboxWakeups outboxWakeups() {
        return new OutboxWakeups();
    }

    @Bean
    ListenerRegistry outboxListenerRegistry(org.springframework.beans.factory.config.ConfigurableListableBeanFactory beans) {
        return new ListenerRegistry(beans);
    }

    @Bean
    DeliveryDispatcher outboxDeliveryDispatcher(ListenerRegistry registry, ReactiveTransactionManager transactions,
            OutboxStore store, tools.jackson.databind.json.JsonMapper json, io.micrometer.core.instrument.MeterRegistry meters,
            OutboxProperties properties) {
        return new DeliveryDispatcher(registry, TransactionalOperator.create(transactions), store, json, meters, properties);
    }
}
