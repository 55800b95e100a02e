/**
 * Plain-Java vocabulary every module shares: the problem a request can run into, and opaque cursors.
 * No framework types, so domain code may use it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Common", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.piaf.common;
