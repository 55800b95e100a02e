/**
 * Which application modules this process runs: all of them (the default), all but some ({@code piaf.modules.without},
 * a Piaf whose module runs elsewhere), or only some ({@code piaf.modules.only}, a module as a service of its own).
 * Decided by configuration over the same jar: the component scan and the schema migrations skip what is left out.
 */
package io.piaf.platform.modules;
