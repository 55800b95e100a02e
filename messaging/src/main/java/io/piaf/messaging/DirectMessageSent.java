package io.piaf.messaging;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;

/** A direct message was sent in the one conversation between its sender and its recipient. */
@EventVersion(1)
@Externalized(value = "messaging", key = "/conversationId")
public record DirectMessageSent(MessageId messageId, ConversationId conversationId, UserId senderId,
        String senderHandle, UserId recipientId, String recipientHandle, String text, Instant sentAt) {
}
