package dev.baton.people;

/** Ways of recognising a person. Each (kind, value) belongs to exactly one contact. */
public enum IdentityKind {
    EMAIL, EXTERNAL_ID, ANONYMOUS_ID, PHONE
}
