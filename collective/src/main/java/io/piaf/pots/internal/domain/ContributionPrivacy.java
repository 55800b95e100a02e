package io.piaf.pots.internal.domain;

/**
 * Who sees what of a contribution. The pot's rule says who sees the list: everyone, the organiser's followers, or the
 * organiser only. Within it, a contributor may hide their name ({@code anonymous}) and/or their amount from everyone
 * but themself and the organiser (who receives the money and must be able to thank and account for it).
 */
public final class ContributionPrivacy {

    public enum Visibility {
        PUBLIC, FOLLOWERS, ORGANISER
    }

    /** The viewer's relation to a pot. */
    public record Viewer(boolean organiser, boolean followsOrganiser) {
    }

    /** One contribution as a viewer may see it: null name or amount when hidden from them. */
    public record Shown(String handle, Long amount) {
    }

    private ContributionPrivacy() {
    }

    /** Whether the viewer sees the list at all (besides their own contributions). */
    public static boolean seesList(Visibility rule, Viewer viewer) {
        return switch (rule) {
            case PUBLIC -> true;
            case FOLLOWERS -> viewer.organiser() || viewer.followsOrganiser();
            case ORGANISER -> viewer.organiser();
        };
    }

    /** What {@code viewer} sees of one contribution, or null when it is hidden from them entirely. */
    public static Shown show(Visibility rule, Viewer viewer, boolean own, String handle, long amount, boolean anonymous,
            boolean hideAmount) {
        if (viewer.organiser() || own) {
            return new Shown(handle, amount);
        }
        if (!seesList(rule, viewer)) {
            return null;
        }
        return new Shown(anonymous ? null : handle, hideAmount ? null : amount);
    }
}
