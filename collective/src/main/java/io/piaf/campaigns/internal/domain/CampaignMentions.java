package io.piaf.campaigns.internal.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The campaign addresses a post names ({@code @campagne/cuvee}, {@code @campaign/cuvee}), each once, in order. */
public final class CampaignMentions {

    private static final Pattern ADDRESS = Pattern.compile("(?<![\\p{L}\\p{N}_])@(?:campagne|campaign)/([a-z0-9-]{1,40})(?![a-z0-9-])",
            Pattern.CASE_INSENSITIVE);

    private CampaignMentions() {
    }

    public static List<String> slugs(String text) {
        var slugs = new LinkedHashSet<String>();
        if (text != null) {
            var matcher = ADDRESS.matcher(text);
            while (matcher.find()) {
                slugs.add(matcher.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(slugs);
    }
}
