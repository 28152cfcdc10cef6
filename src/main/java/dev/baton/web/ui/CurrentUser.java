package dev.baton.web.ui;

import dev.baton.platform.Role;

/** The signed-in user as the page chrome needs them: who, which role, and what they may open. */
public record CurrentUser(Long id, String email, String displayName, Role role, String timeZone) {

    public boolean admin() {
        return role == Role.ADMIN;
    }

    /** Processors and other system pages: ADMIN and OPS. */
    public boolean system() {
        return role == Role.ADMIN || role == Role.OPS;
    }

    /** Campaigns are closed to SALES. */
    public boolean campaigns() {
        return role != Role.SALES;
    }

    /** Capture pages (forms, imports, QR codes, webhooks, channel rules): ADMIN, OPS and MARKETER. */
    public boolean capture() {
        return role == Role.ADMIN || role == Role.OPS || role == Role.MARKETER;
    }

    public String roleLabel() {
        return Labels.of(role);
    }
}
