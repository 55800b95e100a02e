package io.piaf.commerce;

import java.time.Instant;
import java.util.UUID;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;

/** A merchant's webhook endpoint failed every attempt for days and was disabled; its owner should fix and enable it. */
@EventVersion(1)
@Externalized(value = "commerce", key = "/endpointId")
public record WebhookEndpointDisabled(UUID endpointId, MerchantId merchantId, String merchantName, UserId ownerId, String url,
        Instant failingSince, Instant disabledAt) {
}
