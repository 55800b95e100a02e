package io.piaf.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * After each test, the ledger still adds up: all accounts sum to zero; no user account is negative; every account's
 * maintained balance equals the sum of its entries; every transfer has two or more entries summing to zero; every
 * completed payment moved exactly its amount from its payer's wallet to its payee's; every succeeded top-up credited
 * exactly its amount once; every savings vault's balance is its ledger account's and the sum of its movements, each
 * movement is the vault's ledger entry (and each entry on a vault account is a movement), and the interest paid out of
 * the interest account is the interest its vaults earned. Holds: every account's maintained {@code held} is the sum
 * of its active holds, no user account holds more than its balance, a captured hold has its transfer; a pending card
 * authorization holds exactly what the card module says, a cleared one moved exactly its captured amount once as a
 * {@code CARD_PURCHASE}; creator budgets and commerce add up (see {@link #BUDGETS}, {@link #COMMERCE}); paid unlocks moved their price once ({@link #UNLOCKS}). Register with {@code @ExtendWith(LedgerInvariants.class)} on a {@code @PiafTest}.
 */
public class LedgerInvariants implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        check(SpringExtension.getApplicationContext(context).getBean(DatabaseClient.class));
    }

    public static void check(DatabaseClient db) {
        assertThat(one(db, "select coalesce(sum(balance), 0) from payments.account"))
                .as("the sum of all ledger accounts").isZero();
        assertThat(list(db, "select id::text from payments.account where kind = 'USER' and balance < 0"))
                .as("user accounts below zero").isEmpty();
        assertThat(list(db, """
                select a.id::text from payments.account a
                left join (select account_id, sum(amount) as total from payments.entry group by account_id) e on e.account_id = a.id
                where a.balance <> coalesce(e.total, 0)"""))
                .as("accounts whose balance is not the sum of their entries").isEmpty();
        assertThat(list(db, """
                select transfer_id::text from payments.entry group by transfer_id having sum(amount) <> 0 or count(*) < 2
                union all
                select t.id::text from payments.transfer t where not exists (select 1 from payments.entry e where e.transfer_id = t.id)"""))
                .as("transfers that do not balance").isEmpty();
        assertThat(list(db, """
                select p.id::text from payments.payment p
                where p.status = 'COMPLETED' and (
                    (select count(*) from payments.entry e where e.transfer_id = p.transfer_id) <> 2
                    or not exists (select 1 from payments.entry e where e.transfer_id = p.transfer_id and e.account_id = p.payer_wallet and e.amount = -p.amount)
                    or not exists (select 1 from payments.entry e where e.transfer_id = p.transfer_id and e.account_id = coalesce(p.credit_account, p.payee_wallet) and e.amount = p.amount))
                union all
                select p.id::text from payments.payment p where p.status <> 'COMPLETED'
                    and exists (select 1 from payments.transfer t where t.kind in ('PAYMENT', 'DONATION') and t.reference = p.id::text)"""))
                .as("payments whose money did not move exactly as they say").isEmpty();
        assertThat(list(db, """
                select u.id::text from payments.top_up u
                where (u.status = 'SUCCEEDED') <> exists (
                    select 1 from payments.entry e join payments.transfer t on t.id = e.transfer_id
                    where t.kind = 'TOP_UP' and t.reference = u.id::text and e.account_id = u.wallet_id and e.amount = u.amount)"""))
                .as("top-ups whose credit does not match their status").isEmpty();
        COMMERCE.forEach((what, sql) -> assertThat(list(db, sql)).as(what).isEmpty());
        holds(db);
        // A pot's account holds exactly the payments confirmed into it less the organiser's withdrawals (pots).
        assertThat(list(db, """
                select pot.id::text from pots.pot pot join payments.account a on a.id = pot.account_id
                where a.balance <> coalesce((select sum(p.amount) from payments.payment p
                                             where p.credit_account = pot.account_id and p.status = 'COMPLETED'), 0)
                                  - coalesce((select sum(w.amount) from pots.withdrawal w where w.pot_id = pot.id), 0)
                union all
                select w.id::text from pots.withdrawal w where not exists (
                    select 1 from payments.entry e join pots.pot pot on pot.id = w.pot_id
                    where e.transfer_id = w.transfer_id and e.account_id = pot.account_id and e.amount = -w.amount)"""))
                .as("pots whose account does not hold their contributions less their withdrawals").isEmpty();
        // A PAID request item was paid by its payer to its requester, of its amount, by a completed payment (requests).
        assertThat(list(db, """
                select i.request_id::text || '/' || i.payer_id::text from requests.item i join requests.request r on r.id = i.request_id
                left join payments.payment p on p.id = i.paid_payment_id
                where i.status = 'PAID' and (p.id is null or p.status <> 'COMPLETED' or p.payer_id <> i.payer_id
                                             or p.payee_id <> r.requester_id or p.amount <> i.amount)"""))
                .as("paid request items without the completed payment of their amount from their payer to their requester").isEmpty();
        checkSavings(db);
        checkBudgets(db);
        UNLOCKS.forEach((what, sql) -> assertThat(list(db, sql)).as(what).isEmpty());
    }

    /**
     * Commerce's invariants (the chaos audit runs them too): each checkout session is COMPLETE exactly when one
     * {@code CHECKOUT} transfer of its amount, its payment, moved it; refunds match the ledger; a merchant's account
     * holds its checkouts less refunds and payouts, and each payout is one {@code PAYOUT} transfer out of it.
     */
    public static final Map<String, String> COMMERCE = Map.of(
            "checkouts that did not move exactly one transfer, or refunds that do not match the ledger", """
                    select s.id::text from commerce.checkout_session s
                    where (s.status = 'COMPLETE') <> exists (
                        select 1 from payments.transfer t join payments.entry e on e.transfer_id = t.id
                        where t.kind = 'CHECKOUT' and t.reference = s.id::text and t.id = s.payment_id and e.amount = s.amount)
                        or (select count(*) from payments.transfer t where t.kind = 'CHECKOUT' and t.reference = s.id::text)
                           <> case when s.status = 'COMPLETE' then 1 else 0 end
                    union all
                    select s.id::text from commerce.checkout_session s
                    where s.refunded <> coalesce((select sum(r.amount) from commerce.refund r where r.session_id = s.id), 0)
                        or s.refunded <> coalesce((select sum(e.amount) from commerce.refund r join payments.transfer t
                            on t.kind = 'CHECKOUT_REFUND' and t.reference = r.id::text join payments.entry e on e.transfer_id = t.id
                            where r.session_id = s.id and e.amount > 0), 0)""",
            "merchants whose balance is not their checkouts less refunds and payouts, or payouts not in the ledger", """
                    select m.id::text from commerce.merchant m join payments.account a on a.id = m.account_id
                    where a.balance <> coalesce((select sum(s.amount) from commerce.checkout_session s where s.merchant_id = m.id and s.status = 'COMPLETE'), 0)
                                     - coalesce((select sum(r.amount) from commerce.refund r where r.merchant_id = m.id), 0)
                                     - coalesce((select sum(p.amount) from commerce.payout p where p.merchant_id = m.id), 0)
                    union all
                    select p.id::text from commerce.payout p join commerce.merchant m on m.id = p.merchant_id
                    where 1 <> (select count(*) from payments.transfer t join payments.entry e on e.transfer_id = t.id
                                where t.kind = 'PAYOUT' and t.id = p.transfer_id and t.reference = p.id::text
                                    and e.account_id = m.account_id and e.amount = -p.amount)""");

    /**
     * Paid unlocks ("or pay"): each moved exactly its amount from one account to another by its one UNLOCK_PURCHASE
     * transfer, and every such transfer belongs to a paid unlock (no money moved without its unlock).
     */
    public static final Map<String, String> UNLOCKS = Map.of(
            "paid unlocks whose transfer did not move exactly their amount once", """
                    select u.id::text from unlocks.unlock u where u.kind = 'PAID' and (
                        1 <> (select count(*) from payments.transfer t where t.id = u.transfer_id and t.kind = 'UNLOCK_PURCHASE' and t.reference = u.id::text)
                        or 2 <> (select count(*) from payments.entry e where e.transfer_id = u.transfer_id)
                        or not exists (select 1 from payments.entry e where e.transfer_id = u.transfer_id and e.amount = -u.amount)
                        or not exists (select 1 from payments.entry e where e.transfer_id = u.transfer_id and e.amount = u.amount))""",
            "unlock purchase transfers without their paid unlock", """
                    select t.id::text from payments.transfer t where t.kind = 'UNLOCK_PURCHASE'
                        and not exists (select 1 from unlocks.unlock u where u.transfer_id = t.id and u.kind = 'PAID')""");

    /**
     * Creator budgets' invariants (the chaos audit runs them too): each closed budget-month's payouts + fee = its
     * budget and its ledger transfer moved exactly that; each settled month paid each creator its payouts, by
     * transfers from the payouts account, which holds what is not paid yet; each month was taken from the wallet once;
     * a budget account holds its open months; a payout counts the flattrs its per-post earnings are shared among.
     */
    public static final Map<String, String> BUDGETS = Map.of(
            "closed budget-months whose payouts + fee are not their budget", """
                    select m.user_id::text from budgets.budget_month m
                    where m.status = 'CLOSED' and m.amount <> m.fee + coalesce((select sum(p.amount) from budgets.payout p
                        where p.user_id = m.user_id and p.month = m.month), 0)
                    union all
                    select m.user_id::text from budgets.budget_month m where m.status = 'RETURNED'
                        and (m.fee <> 0 or exists (select 1 from budgets.payout p where p.user_id = m.user_id and p.month = m.month))""",
            "closed budget-months whose transfer did not move their budget, payouts and fee", """
                    select m.user_id::text from budgets.budget_month m join budgets.budget b on b.user_id = m.user_id
                    where m.status <> 'OPEN' and (
                        (select count(*) from payments.transfer t where t.id = m.transfer_id
                            and t.reference = 'budget:' || m.user_id || ':' || to_char(m.month, 'YYYY-MM')
                            and t.kind = case m.status when 'CLOSED' then 'BUDGET_PAYOUT' else 'BUDGET_RETURN' end) <> 1
                        or not exists (select 1 from payments.entry e where e.transfer_id = m.transfer_id and e.account_id = b.account_id and e.amount = -m.amount)
                        or (select coalesce(sum(e.amount), 0) from payments.entry e join payments.account a on a.id = e.account_id
                            where e.transfer_id = m.transfer_id and a.kind = 'SYSTEM' and a.purpose = 'BUDGET_FEES') <> coalesce(m.fee, 0)
                        or (m.status = 'CLOSED' and (select coalesce(sum(e.amount), 0) from payments.entry e join payments.account a on a.id = e.account_id
                            where e.transfer_id = m.transfer_id and a.kind = 'SYSTEM' and a.purpose = 'BUDGET_PAYOUTS') <> m.amount - m.fee))""",
            "creators not paid exactly their settled months' payouts, each pay by its own transfer", """
                    select p.creator_id::text from (select month, creator_id, sum(amount) as amount from budgets.payout group by 1, 2) p
                    join budgets.month_settlement s on s.month = p.month and s.settled_at is not null
                    where p.amount <> coalesce((select sum(c.amount) from budgets.creator_payout c
                        where c.month = p.month and c.creator_id = p.creator_id), 0)
                    union all
                    select c.creator_id::text from budgets.creator_payout c where c.round > 0 and (
                        1 <> (select count(*) from payments.transfer t where t.id = c.transfer_id and t.kind = 'BUDGET_SETTLEMENT'
                            and t.reference = 'budget-month:' || to_char(c.month, 'YYYY-MM') || ':' || c.creator_id || ':' || c.round)
                        or not exists (select 1 from payments.entry e join payments.wallet w on w.id = e.account_id
                            where e.transfer_id = c.transfer_id and w.user_id = c.creator_id and e.amount = c.amount))""",
            "the payouts account does not hold the closed months' payouts not yet paid to their creators", """
                    select 'payouts' where coalesce((select balance from payments.account where kind = 'SYSTEM' and purpose = 'BUDGET_PAYOUTS'), 0)
                        <> coalesce((select sum(amount) from budgets.payout), 0)
                         - coalesce((select sum(amount) from budgets.creator_payout), 0)""",
            "budget months not taken from the wallet exactly once, or budget accounts not holding their open months", """
                    select m.user_id::text from budgets.budget_month m where 1 <> (select count(*) from payments.transfer t
                        where t.kind = 'BUDGET_FUND' and t.reference = 'budget:' || m.user_id || ':' || to_char(m.month, 'YYYY-MM'))
                    union all
                    select b.user_id::text from budgets.budget b join payments.account a on a.id = b.account_id
                    where a.balance <> coalesce((select sum(m.amount) from budgets.budget_month m where m.user_id = b.user_id and m.status = 'OPEN'), 0)""",
            "payouts whose flattr count is not their payer's flattrs of that creator that month", """
                    select p.creator_id::text from budgets.payout p
                    where p.flattrs <> (select count(*) from budgets.flattr f
                        where f.user_id = p.user_id and f.month = p.month and f.creator_id = p.creator_id)""");

    public static void checkBudgets(DatabaseClient db) {
        BUDGETS.forEach((what, sql) -> assertThat(list(db, sql)).as(what).isEmpty());
    }

    /**
     * Savings' invariants, each a query of the rows that break it (the chaos audit runs them too): vault balances =
     * their ledger accounts = their movements; interest paid out of the interest account = interest credited.
     */
    public static final Map<String, String> SAVINGS = Map.of(
            "vaults whose balance is not their ledger account's, or not the sum of their movements", """
                    select v.id::text from savings.vault v left join payments.account a on a.id = v.id
                    where a.id is null or a.balance <> v.balance or a.purpose <> 'SAVINGS' or a.owner_id <> v.user_id
                    union all
                    select v.id::text from savings.vault v
                    left join (select vault_id, sum(amount) as total, sum(amount) filter (where kind = 'INTEREST') as interest
                               from savings.movement group by vault_id) m on m.vault_id = v.id
                    where v.balance <> coalesce(m.total, 0) or v.interest_earned <> coalesce(m.interest, 0)""",
            "vault movements without their ledger entry, or ledger entries on a vault without a movement", """
                    select m.id::text from savings.movement m where not exists (
                        select 1 from payments.entry e where e.transfer_id = m.transfer_id and e.account_id = m.vault_id and e.amount = m.amount)
                    union all
                    select e.seq::text from payments.entry e join payments.account a on a.id = e.account_id
                    where a.purpose = 'SAVINGS' and not exists (
                        select 1 from savings.movement m where m.transfer_id = e.transfer_id and m.vault_id = e.account_id)""",
            "interest paid out of the interest account is not the interest credited to vaults", """
                    select 'interest' where coalesce((select sum(amount) from savings.movement where kind = 'INTEREST'), 0)
                         + coalesce((select balance from payments.account where kind = 'SYSTEM' and purpose = 'SAVINGS_INTEREST'), 0) <> 0""");

    public static void checkSavings(DatabaseClient db) {
        SAVINGS.forEach((what, sql) -> assertThat(list(db, sql)).as(what).isEmpty());
    }

    private static void holds(DatabaseClient db) {
        assertThat(list(db, """
                select a.id::text from payments.account a
                left join (select account_id, sum(remaining) as total from payments.hold where status = 'ACTIVE' group by account_id) h
                    on h.account_id = a.id
                where a.held <> coalesce(h.total, 0) or a.held < 0"""))
                .as("accounts whose held amount is not the sum of their active holds").isEmpty();
        assertThat(list(db, "select id::text from payments.account where kind = 'USER' and balance - held < 0"))
                .as("user accounts holding more than their balance").isEmpty();
        assertThat(list(db, """
                select h.id::text from payments.hold h
                where (h.status = 'CAPTURED') <> exists (select 1 from payments.entry e
                    where e.transfer_id = h.transfer_id and e.account_id = h.account_id and e.amount < 0)
                   or (h.status = 'ACTIVE') <> (h.remaining > 0)"""))
                .as("holds whose status does not match their money").isEmpty();
        assertThat(list(db, """
                select c.id::text from cards.authorization c
                left join payments.hold h on h.id = c.id
                where (c.status = 'PENDING' and (h.status is distinct from 'ACTIVE' or h.remaining <> c.held))
                   or (c.status <> 'PENDING' and h.status = 'ACTIVE')
                   or (c.status = 'DECLINED' and h.id is not null)"""))
                .as("card authorizations whose wallet hold disagrees").isEmpty();
        assertThat(list(db, """
                select c.id::text from cards.authorization c
                where c.status in ('CLEARED', 'REFUNDED') and 1 <> (
                    select count(*) from payments.transfer t join payments.entry e on e.transfer_id = t.id
                    where t.kind = 'CARD_PURCHASE' and t.reference = c.id::text and e.amount = -c.captured
                      and e.account_id = (select wallet_id from cards.card where id = c.card_id))
                union all
                select t.reference from payments.transfer t where t.kind = 'CARD_PURCHASE'
                    and not exists (select 1 from cards.authorization c where c.id::text = t.reference and c.status in ('CLEARED', 'REFUNDED'))"""))
                .as("card purchases whose money did not move exactly as cleared").isEmpty();
        assertThat(list(db, """
                select c.id::text from cards.authorization c
                where c.refunded <> coalesce((select sum(e.amount) from payments.transfer t join payments.entry e on e.transfer_id = t.id
                    where t.kind = 'CARD_REFUND' and e.account_id = (select wallet_id from cards.card where id = c.card_id)
                      and t.reference in (
                          select m.id from cards.network_message m where m.authorization_id = c.id and m.type = 'REFUND' and m.approved)), 0)"""))
                .as("card refunds that do not match what came back to the wallet").isEmpty();
    }

    private static long one(DatabaseClient db, String sql) {
        return db.sql(sql).map(r -> ((Number) r.get(0)).longValue()).one().block();
    }

    private static List<String> list(DatabaseClient db, String sql) {
        return db.sql(sql).map(r -> r.get(0, String.class)).all().collectList().block();
    }
}
