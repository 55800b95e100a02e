package io.piaf.unlocks.internal.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * What a creator learns from an item's unlocks: how many, by post and by payment, the reach (the audience of the
 * unlock posts, each counted as its author's followers when it was published), the conversion (post unlocks per person
 * reached: a paid unlock reached nobody) and the revenue of the paid ones (cents).
 */
public record UnlockStats(int unlocks, int byPost, int paid, long reach, BigDecimal conversion, long revenue) {

    public static UnlockStats of(List<Integer> audiences) {
        return of(audiences, List.of());
    }

    /** @param postAudiences the audience of each post unlock; @param paidAmounts the amount of each paid unlock */
    public static UnlockStats of(List<Integer> postAudiences, List<Long> paidAmounts) {
        var reach = postAudiences.stream().mapToLong(Integer::longValue).sum();
        var conversion = reach == 0 ? null
                : BigDecimal.valueOf(postAudiences.size()).divide(BigDecimal.valueOf(reach), 4, RoundingMode.HALF_EVEN);
        return new UnlockStats(postAudiences.size() + paidAmounts.size(), postAudiences.size(), paidAmounts.size(), reach, conversion,
                paidAmounts.stream().mapToLong(Long::longValue).sum());
    }
}
