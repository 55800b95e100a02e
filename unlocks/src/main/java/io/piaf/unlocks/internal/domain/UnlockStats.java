package io.piaf.unlocks.internal.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * What a creator learns from an item's unlocks: how many, the reach (the audience of the unlock posts, each
 * counted as its author's followers when it was published) and the conversion (unlocks per person reached).
 */
public record UnlockStats(int unlocks, long reach, BigDecimal conversion) {

    public static UnlockStats of(List<Integer> audiences) {
        var reach = audiences.stream().mapToLong(Integer::longValue).sum();
        var conversion = reach == 0 ? null
                : BigDecimal.valueOf(audiences.size()).divide(BigDecimal.valueOf(reach), 4, RoundingMode.HALF_EVEN);
        return new UnlockStats(audiences.size(), reach, conversion);
    }
}
