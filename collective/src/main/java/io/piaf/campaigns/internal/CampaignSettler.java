package io.piaf.campaigns.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.campaigns.CampaignId;
import io.piaf.campaigns.CampaignSettled;
import io.piaf.campaigns.PledgeId;
import io.piaf.campaigns.PledgeCollected;
import io.piaf.campaigns.PledgeRefunded;
import io.piaf.campaigns.internal.domain.CampaignRules;
import io.piaf.outbox.Outbox;
import io.piaf.payments.Ledger;
import io.piaf.payments.Money;
import io.piaf.payments.Payments;
import io.piaf.payments.Transfer;
import io.piaf.payments.TransferId;
import io.piaf.payments.TransferResult;
import io.piaf.platform.background.BackgroundWork;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Settles campaigns at their deadline, exactly once, in steps that each commit on their own so that a crash (or a
 * second instance) resumes where the last commit left off:
 * <ol>
 * <li>decide: lock a due campaign, set SUCCEEDED or FAILED, give each confirmed pledge its one settlement row, append
 * {@link CampaignSettled} — one transaction;</li>
 * <li>refund: lock a batch of REFUND rows (skipping those another instance holds), post their transfers in one
 * round trip, mark them done — one transaction per batch; the ledger posts a pledge's refund at most once anyway;</li>
 * <li>release: lock a campaign's RELEASE rows, post one transfer (creator + fee), mark them done, append a
 * {@link PledgeCollected} per pledge (each backer is told).</li>
 * </ol>
 */
@Component
class CampaignSettler extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(CampaignSettler.class);

    private final CampaignStore campaigns;
    private final Ledger ledger;
    private final Payments payments;
    private final Outbox outbox;
    private final CampaignsProperties properties;
    private final TransactionalOperator transactional;

    CampaignSettler(CampaignStore campaigns, Ledger ledger, Payments payments, Outbox outbox, CampaignsProperties properties,
            ReactiveTransactionManager transactions) {
        this.campaigns = campaigns;
        this.ledger = ledger;
        this.payments = payments;
        this.outbox = outbox;
        this.properties = properties;
        this.transactional = TransactionalOperator.create(transactions);
    }

    /** One pass: decide what is due, then carry out every settlement row there is. */
    Mono<Void> settle() {
        return decideDue().then(refundAll()).then(releaseAll());
    }

    Mono<Integer> decideDue() {
        return transactional.transactional(campaigns.lockDue(20).concatMap(campaign -> {
            var outcome = CampaignRules.outcome(campaign.pledged(), campaign.goal(), campaign.feeBps());
            var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return campaigns.decide(campaign.id(), outcome.succeeded(), now)
                    .then(outbox.append(new CampaignSettled(campaign.id(), campaign.creator(), outcome.succeeded(),
                            Money.eur(outcome.pledged()), Money.eur(outcome.fee()), campaign.backers(), now)))
                    .thenReturn(1);
        }).reduce(0, Integer::sum));
    }

    /** Refund batches until none is left; each batch commits on its own. */
    Mono<Long> refundAll() {
        return refundBatch().expand(n -> n > 0 ? refundBatch() : Mono.empty()).reduce(0L, Long::sum);
    }

    Mono<Long> refundBatch() {
        return transactional.transactional(campaigns.lockRefunds(properties.settleBatch()).collectList().flatMap(pledges -> {
            if (pledges.isEmpty()) {
                return Mono.just(0L);
            }
            var ids = pledges.stream().map(PledgeRow::campaign).distinct().toList();
            return Flux.fromIterable(ids).concatMap(campaigns::find).collectMap(CampaignRow::id).flatMap(byId -> {
                var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                var transfers = pledges.stream().map(p -> Transfer.between(TransferId.random(), "CAMPAIGN_REFUND", p.id().toString(),
                        byId.get(p.campaign()).escrow(), "Refund to @" + p.backerHandle(), p.backerWallet().account(),
                        "Pledge refunded", Money.eur(p.amount()))).toList();
                return ledger.postAll(transfers).flatMap(results -> {
                    var events = new ArrayList<Object>();
                    var transferIds = new ArrayList<UUID>();
                    for (var i = 0; i < pledges.size(); i++) {
                        var p = pledges.get(i);
                        var result = results.get(i);
                        switch (result) {
                            case TransferResult.Posted posted -> {
                                transferIds.add(posted.id().value());
                                events.add(new PledgeRefunded(p.id(), p.campaign(), p.backer(), Money.eur(p.amount()),
                                        "LIVE".equals(byId.get(p.campaign()).status()) ? "LATE" : reasonOf(byId.get(p.campaign())),
                                        posted.id(), now));
                            }
                            case TransferResult.AlreadyPosted already -> transferIds.add(transfers.get(i).id().value());
                            default -> {
                                return Mono.error(new IllegalStateException("Refund of pledge " + p.id() + ": " + result));
                            }
                        }
                    }
                    return campaigns.done(pledges.stream().map(PledgeRow::id).toList(), transferIds, "REFUNDED")
                            .then(outbox.appendAll(events)).thenReturn((long) pledges.size());
                });
            });
        }));
    }

    private static String reasonOf(CampaignRow campaign) {
        return "FAILED".equals(campaign.status()) ? "FAILED" : "LATE";
    }

    Mono<Void> releaseAll() {
        return campaigns.releasesDue().concatMap(this::release).then();
    }

    /** One transfer from escrow: the creator's share and the platform's fee, for all the campaign's pledges at once. */
    Mono<Void> release(CampaignId id) {
        // the campaign row first (skipped when another instance releases it), then all its rows: one transfer for all
        return transactional.transactional(campaigns.lockForRelease(id).flatMapMany(locked -> campaigns.lockRelease(id)).collectList().flatMap(pledges -> {
            if (pledges.isEmpty()) {
                return Mono.empty();
            }
            return campaigns.find(id).flatMap(campaign -> Mono.zip(ledger.openSystemAccount("CAMPAIGN_FEES"),
                    payments.wallet(campaign.creator())).flatMap(accounts -> {
                var fees = accounts.getT1();
                var total = pledges.stream().mapToLong(PledgeRow::amount).sum();
                var fee = CampaignRules.fee(total, campaign.feeBps());
                var legs = new ArrayList<Transfer.Leg>();
                legs.add(new Transfer.Leg(campaign.escrow(), Money.eur(-total), "Released to @" + campaign.creatorHandle()));
                legs.add(new Transfer.Leg(accounts.getT2().account(), Money.eur(total - fee), "Campaign @campagne/" + campaign.slug() + " funded"));
                if (fee > 0) {
                    legs.add(new Transfer.Leg(fees, Money.eur(fee), "Fee, @campagne/" + campaign.slug()));
                }
                var transfer = new Transfer(TransferId.random(), "CAMPAIGN_RELEASE", campaign.id().toString(), legs);
                return ledger.post(transfer).flatMap(result -> switch (result) {
                    case TransferResult.Posted posted -> campaigns.done(pledges.stream().map(PledgeRow::id).toList(),
                            pledges.stream().map(p -> posted.id().value()).toList(), "RELEASED")
                            .then(outbox.appendAll(collected(pledges, posted.id())));
                    case TransferResult.AlreadyPosted already -> campaigns.done(pledges.stream().map(PledgeRow::id).toList(),
                            pledges.stream().map(p -> transfer.id().value()).toList(), "RELEASED");
                    default -> Mono.error(new IllegalStateException("Release of campaign " + id + ": " + result));
                });
            }));
        }));
    }

    /** Each backer learns that the goal was met and their pledge went to the creator. */
    private static List<Object> collected(List<PledgeRow> pledges, TransferId transfer) {
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return pledges.stream().<Object>map(p -> new PledgeCollected(p.id(), p.campaign(), p.backer(), Money.eur(p.amount()), transfer, now))
                .toList();
    }

    @Override
    protected Flux<Void> work() {
        return Flux.interval(properties.settleInterval())
                .onBackpressureDrop()
                .concatMap(tick -> settle().onErrorResume(e -> {
                    log.warn("Campaign settlement failed, the next pass resumes it: {}", e.toString());
                    return Mono.empty();
                }), 1);
    }
}
