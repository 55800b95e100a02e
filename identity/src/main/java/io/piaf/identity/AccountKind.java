package io.piaf.identity;

/** A person, or a verified charity that can receive donations (and cannot sign in). */
public enum AccountKind {
    PERSON, CHARITY
}
