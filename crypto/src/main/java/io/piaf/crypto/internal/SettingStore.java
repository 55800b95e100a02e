package io.piaf.crypto.internal;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/** crypto.setting: the token's address, the last block read for incoming transfers. */
@Repository
class SettingStore {

    private final DatabaseClient db;

    SettingStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<String> get(String name) {
        return db.sql("select value from crypto.setting where name = $1").bind(0, name).map(r -> r.get(0, String.class)).one();
    }

    Mono<Void> put(String name, String value) {
        return db.sql("insert into crypto.setting (name, value) values ($1, $2) on conflict (name) do update set value = excluded.value")
                .bind(0, name).bind(1, value).then();
    }
}
