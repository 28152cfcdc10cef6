package dev.baton.platform;

/**
 * What a Baton user may do. Admins manage users, tokens and the platform; ops run marketing
 * operations end to end; marketers work contacts, campaigns and spend; sales work accounts and
 * pipeline; viewers read.
 */
public enum Role {
    ADMIN, OPS, MARKETER, SALES, VIEWER;

    public String authority() {
        return "ROLE_" + name();
    }
}
