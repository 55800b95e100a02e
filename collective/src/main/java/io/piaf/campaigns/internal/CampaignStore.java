package io.piaf.campaigns.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import io.piaf.campaigns.CampaignId;
import io.piaf.campaigns.PledgeId;
import io.piaf.identity.UserId;
import io.piaf.payments.AccountId;
import io.piaf.payments.PaymentId;
import io.piaf.payments.WalletId;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Campaigns' tables. The campaign row is the lock that orders its life: pledges and cancellations take it FOR SHARE,
 * the deadline's decision FOR UPDATE, so no pledge slips in or out while the decision counts them.
 */
@Component
class CampaignStore {

    private static final String CAMPAIGN = """
            select c.id, c.slug, c.creator_id, c.creator_handle, c.title, c.description, c.goal, c.deadline, c.fee_bps,
                c.escrow_account, c.status, c.created_at,
                coalesce((select sum(p.amount) from campaigns.pledge p where p.campaign_id = c.id and p.status in ('COMPLETED', 'RELEASED')), 0)::bigint as pledged,
                (select count(distinct p.backer_id) from campaigns.pledge p where p.campaign_id = c.id and p.status in ('COMPLETED', 'RELEASED'))::int as backers
            from campaigns.campaign c""";
    private static final String PLEDGE = """
            select id, campaign_id, backer_id, backer_handle, backer_wallet, amount, reward_id, payment_id, status, created_at
            from campaigns.pledge""";

    private final DatabaseClient db;

    CampaignStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Boolean> insert(CampaignRow c) {
        return db.sql("""
                insert into campaigns.campaign (id, slug, creator_id, creator_handle, title, description, goal, deadline, fee_bps,
                    escrow_account, status, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'LIVE', $11)
                on conflict (slug) do nothing""")
                .bind(0, c.id().value()).bind(1, c.slug()).bind(2, c.creator().value()).bind(3, c.creatorHandle())
                .bind(4, c.title()).bind(5, c.description()).bind(6, c.goal()).bind(7, c.deadline()).bind(8, c.feeBps())
                .bind(9, c.escrow().value()).bind(10, c.createdAt())
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    Mono<Void> insertRewards(CampaignId campaign, List<CampaignRow.Reward> rewards) {
        return Flux.fromIterable(rewards).concatMap(r -> db.sql("""
                insert into campaigns.reward (id, campaign_id, position, title, minimum, quantity, remaining)
                values ($1, $2, $3, $4, $5, $6, $6)""")
                .bind(0, r.id()).bind(1, campaign.value()).bind(2, r.position()).bind(3, r.title()).bind(4, r.minimum())
                .bind(5, r.quantity() == null ? Parameter.empty(Integer.class) : Parameter.from(r.quantity()))
                .then()).then();
    }

    Mono<CampaignRow> find(CampaignId id) {
        return withRewards(db.sql(CAMPAIGN + " where c.id = $1").bind(0, id.value()).map(CampaignStore::campaign).one());
    }

    Mono<CampaignRow> findBySlug(String slug) {
        return withRewards(db.sql(CAMPAIGN + " where c.slug = $1").bind(0, slug).map(CampaignStore::campaign).one());
    }

    /** Locks the campaign FOR SHARE (pledging, cancelling, a late confirmation) in the caller's transaction. */
    Mono<CampaignRow> share(CampaignId id) {
        return db.sql(CAMPAIGN + " where c.id = $1 for share of c").bind(0, id.value()).map(CampaignStore::campaign).one();
    }

    /** Live campaigns past their deadline, locked for their decision; those another instance holds are skipped. */
    Flux<CampaignRow> lockDue(int limit) {
        return db.sql(CAMPAIGN + " where c.status = 'LIVE' and c.deadline <= now() order by c.deadline limit $1 for update of c skip locked")
                .bind(0, limit).map(CampaignStore::campaign).all();
    }

    Flux<CampaignRow> byCreator(UserId creator) {
        return db.sql(CAMPAIGN + " where c.creator_id = $1 order by c.created_at desc limit 50").bind(0, creator.value())
                .map(CampaignStore::campaign).all();
    }

    /** Takes one unit of a tier for a pledge; empty when the tier is sold out (or not this campaign's). */
    Mono<Long> takeReward(CampaignId campaign, UUID reward) {
        return db.sql("""
                update campaigns.reward set remaining = remaining - 1
                where id = $1 and campaign_id = $2 and (remaining is null or remaining > 0)
                returning minimum""")
                .bind(0, reward).bind(1, campaign.value()).map(r -> r.get("minimum", Long.class)).one();
    }

    Mono<Boolean> rewardExists(CampaignId campaign, UUID reward) {
        return db.sql("select exists (select 1 from campaigns.reward where id = $1 and campaign_id = $2)")
                .bind(0, reward).bind(1, campaign.value()).map(r -> Boolean.TRUE.equals(r.get(0, Boolean.class))).one();
    }

    Mono<Void> insert(PledgeRow p) {
        return db.sql("""
                insert into campaigns.pledge (id, campaign_id, backer_id, backer_handle, backer_wallet, amount, reward_id,
                    payment_id, status, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, 'PENDING', $9)""")
                .bind(0, p.id().value()).bind(1, p.campaign().value()).bind(2, p.backer().value()).bind(3, p.backerHandle())
                .bind(4, p.backerWallet().value()).bind(5, p.amount())
                .bind(6, p.reward() == null ? Parameter.empty(UUID.class) : Parameter.from(p.reward()))
                .bind(7, p.payment().value()).bind(8, p.createdAt())
                .then();
    }

    Mono<PledgeRow> pledgeOfPayment(PaymentId payment) {
        return db.sql(PLEDGE + " where payment_id = $1").bind(0, payment.value()).map(CampaignStore::pledge).one();
    }

    Mono<PledgeRow> lockPledge(PledgeId id) {
        return db.sql(PLEDGE + " where id = $1 for update").bind(0, id.value()).map(CampaignStore::pledge).one();
    }

    /** PENDING → {@code status}; false when it was not pending (a redelivered event). */
    Mono<Boolean> settlePending(PledgeId id, String status, Instant at) {
        return db.sql("update campaigns.pledge set status = $2, completed_at = $3 where id = $1 and status = 'PENDING'")
                .bind(0, id.value()).bind(1, status).bind(2, at).fetch().rowsUpdated().map(n -> n == 1);
    }

    Mono<Void> setStatus(PledgeId id, String status) {
        return db.sql("update campaigns.pledge set status = $2 where id = $1").bind(0, id.value()).bind(1, status).then();
    }

    Mono<Void> releaseReward(UUID reward) {
        return db.sql("update campaigns.reward set remaining = remaining + 1 where id = $1 and remaining is not null")
                .bind(0, reward).then();
    }

    /** Decides a locked campaign and gives each of its confirmed pledges its one settlement row. */
    Mono<Void> decide(CampaignId id, boolean succeeded, Instant at) {
        return db.sql("""
                with decided as (
                    update campaigns.campaign set status = $2, decided_at = $3 where id = $1 and status = 'LIVE' returning id
                )
                insert into campaigns.settlement (pledge_id, campaign_id, kind)
                select p.id, p.campaign_id, $4 from campaigns.pledge p join decided d on d.id = p.campaign_id
                where p.status = 'COMPLETED'
                on conflict (pledge_id) do nothing""")
                .bind(0, id.value()).bind(1, succeeded ? "SUCCEEDED" : "FAILED").bind(2, at).bind(3, succeeded ? "RELEASE" : "REFUND")
                .then();
    }

    /** A refund row for one pledge (confirmed after the decision); nothing when it has one. */
    Mono<Void> refundLater(PledgeRow pledge) {
        return db.sql("insert into campaigns.settlement (pledge_id, campaign_id, kind) values ($1, $2, 'REFUND') on conflict (pledge_id) do nothing")
                .bind(0, pledge.id().value()).bind(1, pledge.campaign().value()).then();
    }

    /** Refunds to carry out, locked; rows another instance holds are skipped. */
    Flux<PledgeRow> lockRefunds(int limit) {
        return db.sql(PLEDGE + " p where p.id in (" + """
                select s.pledge_id from campaigns.settlement s where s.done_at is null and s.kind = 'REFUND'
                order by s.created_at, s.pledge_id limit $1 for update skip locked)""")
                .bind(0, limit).map(CampaignStore::pledge).all();
    }

    /** The campaigns whose release is due, one at a time: its rows are locked together. */
    Flux<CampaignId> releasesDue() {
        return db.sql("select distinct campaign_id from campaigns.settlement where done_at is null and kind = 'RELEASE'")
                .map(r -> new CampaignId(r.get("campaign_id", UUID.class))).all();
    }

    Mono<CampaignId> lockForRelease(CampaignId campaign) {
        return db.sql("select id from campaigns.campaign where id = $1 and status = 'SUCCEEDED' for update skip locked")
                .bind(0, campaign.value()).map(r -> new CampaignId(r.get("id", UUID.class))).one();
    }

    Flux<PledgeRow> lockRelease(CampaignId campaign) {
        return db.sql(PLEDGE + " p where p.id in (" + """
                select s.pledge_id from campaigns.settlement s where s.done_at is null and s.kind = 'RELEASE'
                and s.campaign_id = $1 for update)""")
                .bind(0, campaign.value()).map(CampaignStore::pledge).all();
    }

    /** Marks settlement rows done and their pledges REFUNDED or RELEASED. */
    Mono<Void> done(List<PledgeId> pledges, List<UUID> transfers, String pledgeStatus) {
        return db.sql("""
                with d as (select * from unnest($1::uuid[], $2::uuid[]) as d(pledge_id, transfer_id)),
                s as (update campaigns.settlement s set done_at = now(), transfer_id = d.transfer_id from d where s.pledge_id = d.pledge_id)
                update campaigns.pledge p set status = $3 from d where p.id = d.pledge_id""")
                .bind(0, pledges.stream().map(PledgeId::value).toArray(UUID[]::new))
                .bind(1, transfers.toArray(UUID[]::new))
                .bind(2, pledgeStatus).then();
    }

    private Mono<CampaignRow> withRewards(Mono<CampaignRow> campaign) {
        return campaign.flatMap(c -> db.sql("select id, position, title, minimum, quantity, remaining from campaigns.reward where campaign_id = $1 order by position")
                .bind(0, c.id().value())
                .map(r -> new CampaignRow.Reward(r.get("id", UUID.class), r.get("position", Integer.class), r.get("title", String.class),
                        r.get("minimum", Long.class), r.get("quantity", Integer.class), r.get("remaining", Integer.class)))
                .all().collectList().map(c::withRewards));
    }

    private static CampaignRow campaign(Readable r) {
        return new CampaignRow(new CampaignId(r.get("id", UUID.class)), r.get("slug", String.class), new UserId(r.get("creator_id", UUID.class)),
                r.get("creator_handle", String.class), r.get("title", String.class), r.get("description", String.class),
                r.get("goal", Long.class), r.get("deadline", Instant.class), r.get("fee_bps", Integer.class),
                new AccountId(r.get("escrow_account", UUID.class)), r.get("status", String.class), r.get("created_at", Instant.class),
                r.get("pledged", Long.class), r.get("backers", Integer.class), List.of());
    }

    private static PledgeRow pledge(Readable r) {
        return new PledgeRow(new PledgeId(r.get("id", UUID.class)), new CampaignId(r.get("campaign_id", UUID.class)),
                new UserId(r.get("backer_id", UUID.class)), r.get("backer_handle", String.class), new WalletId(r.get("backer_wallet", UUID.class)),
                r.get("amount", Long.class), r.get("reward_id", UUID.class), new PaymentId(r.get("payment_id", UUID.class)),
                r.get("status", String.class), r.get("created_at", Instant.class));
    }
}
