/**
 * The consumer web app: a single-page app built from {@code web/frontend} into this jar and served at {@code /}. It
 * uses only the public HTTP API, like any outside client, so it depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web app", allowedDependencies = {})
package io.piaf.web;
