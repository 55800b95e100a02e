package io.piaf.messaging;

/**
 * Who may see a post or a timeline item: anyone, the author's followers, or only the item's parties. Posts are
 * PUBLIC or FOLLOWERS; PRIVATE exists for items published on a user's behalf (e.g. a private payment receipt).
 */
public enum Visibility {
    PUBLIC, FOLLOWERS, PRIVATE
}
