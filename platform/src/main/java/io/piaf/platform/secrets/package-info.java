/**
 * Where modules get their secrets (signing keys, peppers, HMAC keys): from configuration, or from files in a
 * directory such as a secret store's mount, or, in development only, generated once into that directory with
 * owner-only permissions. Never from the database: a dump of it must not hold the keys that protect it.
 */
@org.springframework.modulith.NamedInterface("secrets")
package io.piaf.platform.secrets;
