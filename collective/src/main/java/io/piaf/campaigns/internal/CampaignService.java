package io.piaf.campaigns.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.campaigns.CampaignId;
import io.piaf.campaigns.CampaignLaunched;
import io.piaf.campaigns.PledgeId;
import io.piaf.campaigns.PledgeRefunded;
import io.piaf.campaigns.internal.domain.CampaignRules;
import io.piaf.common.ProblemException;
import io.piaf.common.Slugs;
import io.piaf.identity.Identity;
import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.UserId;
import io.piaf.messaging.Messaging;
import io.piaf.messaging.TimelineItem;
import io.piaf.messaging.Visibility;
import io.piaf.outbox.Outbox;
import io.piaf.payments.AccountId;
import io.piaf.payments.Ledger;
import io.piaf.payments.Money;
import io.piaf.payments.PaymentOrder;
import io.piaf.payments.PaymentOrders;
import io.piaf.payments.PaymentSource;
import io.piaf.payments.Payments;
import io.piaf.payments.PendingPayment;
import io.piaf.payments.Transfer;
import io.piaf.payments.TransferId;
import io.piaf.payments.TransferResult;
import reactor.core.publisher.Mono;

/** Launches campaigns, takes pledges (payments into the escrow account) and cancels them before the deadline. */
@Service
class CampaignService {

    record NewCampaign(UserId creator, String title, String description, long goal, Instant deadline, List<CampaignRules.Tier> tiers) {
    }

    record Pledge(PledgeId id, CampaignRow campaign, PendingPayment payment) {
    }

    private final CampaignStore campaigns;
    private final Identity identity;
    private final Ledger ledger;
    private final Payments payments;
    private final PaymentOrders orders;
    private final Messaging messaging;
    private final Outbox outbox;
    private final CampaignsProperties properties;
    private final TransactionalOperator transactional;

    CampaignService(CampaignStore campaigns, Identity identity, Ledger ledger, Payments payments, PaymentOrders orders,
            Messaging messaging, Outbox outbox, CampaignsProperties properties, ReactiveTransactionManager transactions) {
        this.campaigns = campaigns;
        this.identity = identity;
        this.ledger = ledger;
        this.payments = payments;
        this.orders = orders;
        this.messaging = messaging;
        this.outbox = outbox;
        this.properties = properties;
        this.transactional = TransactionalOperator.create(transactions);
    }

    Mono<CampaignRow> launch(NewCampaign request) {
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CampaignRules.launch(request.title(), request.description(), request.goal(), request.deadline(), request.tiers(), now,
                properties.minimumDuration()).ifPresent(r -> {
                    throw problem(r);
                });
        return identity.find(request.creator())
                .switchIfEmpty(Mono.error(() -> new ProblemException(401, "unauthenticated", "The token's user no longer exists.")))
                .flatMap(creator -> insert(request, creator.handle(), Slugs.fromTitle(request.title(), "campaign"), 1, now));
    }

    private Mono<CampaignRow> insert(NewCampaign request, String handle, String base, int attempt, Instant now) {
        var slug = attempt == 1 ? base : Slugs.alternative(base, attempt);
        var rewards = new ArrayList<CampaignRow.Reward>();
        for (var i = 0; i < request.tiers().size(); i++) {
            var t = request.tiers().get(i);
            rewards.add(new CampaignRow.Reward(UUID.randomUUID(), i, t.title().strip(), t.minimum(), t.quantity(), t.quantity()));
        }
        var campaign = new CampaignRow(CampaignId.random(), slug, request.creator(), handle, request.title().strip(),
                request.description().strip(), request.goal(), request.deadline(), properties.feeBasisPoints(),
                new AccountId(UUID.randomUUID()), "LIVE", now, 0, 0, List.copyOf(rewards));
        var write = campaigns.insert(campaign).flatMap(inserted -> !inserted ? Mono.just(false)
                : campaigns.insertRewards(campaign.id(), rewards)
                        .then(ledger.openUserAccount(campaign.escrow(), campaign.creator(), "CAMPAIGN_ESCROW"))
                        .then(outbox.append(new CampaignLaunched(campaign.id(), slug, campaign.creator(), handle, campaign.title(),
                                Money.eur(campaign.goal()), campaign.deadline(), now)))
                        .then(messaging.publish(new TimelineItem(campaign.id().value(), "campaign_launched", campaign.creator(),
                                Set.of(campaign.creator()), Visibility.PUBLIC, handle + " launched a campaign: " + campaign.title()
                                        + " · goal " + euros(campaign.goal()) + " € · @campagne/" + slug, Map.of(), now)))
                        .thenReturn(true));
        return transactional.transactional(write).flatMap(inserted -> inserted ? Mono.just(campaign)
                : attempt >= 20 ? Mono.error(ProblemException.conflict("slug_taken", "Choose another title."))
                : insert(request, handle, base, attempt + 1, now));
    }

    /**
     * A pledge waiting for the backer's PIN. Its reward unit is taken in the same transaction (never oversold), the
     * campaign held FOR SHARE so that the deadline's decision waits for it or comes first.
     */
    Mono<Pledge> pledge(UserId backer, CampaignId campaignId, long amount, UUID reward) {
        return pledge(backer, campaignId, amount, reward, PaymentSource.API, null);
    }

    /** {@code sourceId}: the post's id when pledged by post (a post makes at most one payment, so one pledge). */
    Mono<Pledge> pledge(UserId backer, CampaignId campaignId, long amount, UUID reward, PaymentSource source, String sourceId) {
        var id = PledgeId.random();
        return payments.wallet(backer).switchIfEmpty(Mono.error(() -> new ProblemException(401, "unauthenticated", "No wallet.")))
                .flatMap(wallet -> transactional.transactional(campaigns.share(campaignId)
                        .switchIfEmpty(Mono.error(CampaignService::notFound))
                        .flatMap(campaign -> {
                            var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                            CampaignRules.pledge(campaign.live(), campaign.deadline(), now, amount, null).ifPresent(r -> {
                                throw problem(r);
                            });
                            var minimum = reward == null ? Mono.just(0L) : campaigns.takeReward(campaignId, reward)
                                    .switchIfEmpty(Mono.defer(() -> campaigns.rewardExists(campaignId, reward).flatMap(exists -> Mono.error(exists
                                            ? ProblemException.conflict("sold_out", "This reward is sold out.")
                                            : ProblemException.notFound("reward_not_found", "No such reward in this campaign.")))));
                            return minimum.flatMap(min -> {
                                CampaignRules.pledge(true, campaign.deadline(), now, amount, reward == null ? null : min).ifPresent(r -> {
                                    throw problem(r);
                                });
                                var order = new PaymentOrder(backer, campaign.creatorHandle(), "campagne/" + campaign.slug(), campaign.escrow(),
                                        Money.eur(amount), null, PaymentVisibility.PRIVATE, source, sourceId);
                                return identity.find(backer).flatMap(user -> orders.request(order).flatMap(payment -> campaigns.insert(
                                        new PledgeRow(id, campaignId, backer, user.handle(), wallet, amount, reward, payment.id(), "PENDING", now))
                                        .thenReturn(new Pledge(id, campaign, payment))));
                            });
                        })));
    }

    /** The backer takes back a confirmed pledge before the deadline: refunded from escrow, its reward freed. */
    Mono<PledgeRow> cancel(UserId backer, CampaignId campaignId, PledgeId pledgeId) {
        return transactional.transactional(campaigns.share(campaignId).switchIfEmpty(Mono.error(CampaignService::notFound))
                .flatMap(campaign -> campaigns.lockPledge(pledgeId)
                        .filter(p -> p.backer().equals(backer) && p.campaign().equals(campaignId))
                        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("pledge_not_found", "No such pledge.")))
                        .flatMap(pledge -> {
                            var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                            CampaignRules.cancellation(campaign.live(), campaign.deadline(), now, pledge.status()).ifPresent(r -> {
                                throw problem(r);
                            });
                            return refund(campaign.escrow(), pledge, "CANCELLED", now)
                                    .then(campaigns.setStatus(pledge.id(), "CANCELLED"))
                                    .then(pledge.reward() == null ? Mono.<Void>empty() : campaigns.releaseReward(pledge.reward()))
                                    .thenReturn(pledge);
                        })));
    }

    /** One refund transfer (idempotent in the ledger on its kind and the pledge id) and its event. */
    Mono<TransferId> refund(AccountId escrow, PledgeRow pledge, String reason, Instant now) {
        var transfer = Transfer.between(TransferId.random(), "CAMPAIGN_REFUND", pledge.id().toString(), escrow,
                "Refund to @" + pledge.backerHandle(), pledge.backerWallet().account(), "Pledge refunded", Money.eur(pledge.amount()));
        return ledger.post(transfer).flatMap(result -> switch (result) {
            case TransferResult.Posted posted -> outbox.append(new PledgeRefunded(pledge.id(), pledge.campaign(), pledge.backer(),
                    Money.eur(pledge.amount()), reason, posted.id(), now)).thenReturn(posted.id());
            case TransferResult.AlreadyPosted already -> Mono.just(transfer.id());
            default -> Mono.error(new IllegalStateException("Refund of pledge " + pledge.id() + ": " + result));
        });
    }

    static ProblemException notFound() {
        return ProblemException.notFound("campaign_not_found", "No such campaign.");
    }

    static ProblemException problem(CampaignRules.Refusal r) {
        return new ProblemException(r.status(), r.code(), r.detail());
    }

    static String euros(long cents) {
        return java.math.BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
