/**
 * The assembly: who may call what (security), and the views that join several modules' APIs (e.g. {@code /api/me}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "App", allowedDependencies = { "common", "identity", "messaging", "payments", "platform :: ratelimit" })
package io.piaf.app;
