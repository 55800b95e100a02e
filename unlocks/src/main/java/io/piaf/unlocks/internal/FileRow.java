package io.piaf.unlocks.internal;

import java.util.UUID;

/** A content file's description, without its bytes. */
record FileRow(UUID id, String name, String contentType, int size) {
}
