/**
 * Group commit for the write paths: {@link io.piaf.platform.batching.MicroBatcher} gathers concurrent commands into
 * one transaction, and {@link io.piaf.platform.batching.Batches} re-runs a failed batch one item at a time so that one
 * bad item fails only itself. Used by payments' confirmations and creations and by the outbox relay.
 */
@org.springframework.modulith.NamedInterface("batching")
package io.piaf.platform.batching;
