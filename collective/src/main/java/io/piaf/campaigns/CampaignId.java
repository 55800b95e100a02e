package io.piaf.campaigns;

import java.util.Objects;
import java.util.UUID;

public record CampaignId(UUID value) {

    public CampaignId {
        Objects.requireNonNull(value, "value");
    }

    public static CampaignId random() {
        return new CampaignId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
