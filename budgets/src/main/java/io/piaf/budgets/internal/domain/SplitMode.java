package io.piaf.budgets.internal.domain;

/** How a month's budget is shared among the creators flattred: equally per creator, or in proportion to flattrs. */
public enum SplitMode {
    PER_CREATOR, PER_FLATTR
}
