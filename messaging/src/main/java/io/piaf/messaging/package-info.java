/**
 * Messaging owns the social graph and what people write: profiles, follows, posts with mentions and tags, home
 * timelines and direct messages. Its events are a public contract: payments reacts to posts and messages.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Messaging", allowedDependencies = { "common", "outbox", "identity", "platform :: logging" })
package io.piaf.messaging;
