package io.piaf.savings.internal;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SavingsProperties.class)
class SavingsConfiguration {

    /** What "today" is for savings (value days, accrual, schedules). Tests replace it with a clock they move. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TransactionalOperator savingsTransactions(ReactiveTransactionManager transactions) {
        return TransactionalOperator.create(transactions);
    }
}
