/**
 * Infrastructure every module stands on and none calls: the database bootstrap (embedded PostgreSQL by default, one
 * Flyway schema per module) and the translation of every error into RFC 9457 problem+json.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform", allowedDependencies = "common")
package io.piaf.platform;
