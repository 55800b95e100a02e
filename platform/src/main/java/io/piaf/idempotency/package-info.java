/**
 * {@code Idempotency-Key} for every module's money POSTs, with Stripe's semantics: per user and key, the first request
 * runs and its response is kept; the same request again gets that response; another request with the key gets 422
 * {@code idempotency_key_reused}. Owns the keys (schema {@code idempotency}); knows nothing of the operations.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Idempotency", allowedDependencies = { "common", "platform::background", "platform::secrets" })
package io.piaf.idempotency;
