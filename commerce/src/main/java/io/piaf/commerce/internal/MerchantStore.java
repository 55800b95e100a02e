package io.piaf.commerce.internal;

import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.piaf.commerce.MerchantId;
import io.piaf.identity.UserId;
import io.piaf.payments.AccountId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class MerchantStore {

    record Merchant(MerchantId id, UserId owner, String name, String mcc, String supportEmail, String clientId, AccountId account) {
    }

    private final DatabaseClient db;

    MerchantStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(Merchant m) {
        return db.sql("""
                insert into commerce.merchant (id, owner_id, name, mcc, support_email, client_id, account_id)
                values ($1, $2, $3, $4, $5, $6, $7)""")
                .bind(0, m.id().value()).bind(1, m.owner().value()).bind(2, m.name()).bind(3, m.mcc())
                .bind(4, m.supportEmail()).bind(5, m.clientId()).bind(6, m.account().value()).then();
    }

    Mono<Merchant> find(MerchantId id) {
        return db.sql("select * from commerce.merchant where id = $1").bind(0, id.value()).map(MerchantStore::read).one();
    }

    Flux<Merchant> ownedBy(UserId owner) {
        return db.sql("select * from commerce.merchant where owner_id = $1 order by created_at").bind(0, owner.value())
                .map(MerchantStore::read).all();
    }

    private static Merchant read(io.r2dbc.spi.Readable r) {
        return new Merchant(new MerchantId(r.get("id", UUID.class)), new UserId(r.get("owner_id", UUID.class)), r.get("name", String.class),
                r.get("mcc", String.class), r.get("support_email", String.class), r.get("client_id", String.class),
                new AccountId(r.get("account_id", UUID.class)));
    }
}
