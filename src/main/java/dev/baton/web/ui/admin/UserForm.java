package dev.baton.web.ui.admin;

import dev.baton.platform.Role;
import dev.baton.platform.UserDirectory;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The create/edit user form as submitted, and its validation: one message per bad field. */
public record UserForm(String email, String displayName, String role, String team, String timeZone,
        String password) {

    static final int MIN_PASSWORD = 10;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    static UserForm blank() {
        return new UserForm("", "", Role.MARKETER.name(), "", "UTC", "");
    }

    static UserForm of(UserDirectory.User u) {
        return new UserForm(u.email(), u.displayName(), u.role().name(),
                u.teamId() == null ? "" : dev.baton.platform.Ids.format(u.teamId()), u.timeZone(), "");
    }

    /** @param creating whether a password is required */
    Map<String, String> validate(boolean creating, UserDirectory users) {
        Map<String, String> errors = new LinkedHashMap<>();
        String e = trim(email);
        if (e.isEmpty()) {
            errors.put("email", "Email is required.");
        } else if (e.length() > 254 || !EMAIL.matcher(e).matches()) {
            errors.put("email", "Enter a valid email address, like name@company.com.");
        }
        String name = trim(displayName);
        if (name.isEmpty()) {
            errors.put("displayName", "Name is required.");
        } else if (name.length() > 100) {
            errors.put("displayName", "Name must be at most 100 characters.");
        }
        if (parseRole() == null) {
            errors.put("role", "Choose one of the roles.");
        }
        if (!trim(team).isEmpty()) {
            if (!dev.baton.platform.Ids.isValid(trim(team))
                    || users.findTeam(dev.baton.platform.Ids.parse(trim(team))).isEmpty()) {
                errors.put("team", "Choose one of the teams.");
            }
        }
        try {
            ZoneId.of(trim(timeZone));
        } catch (DateTimeException ex) {
            errors.put("timeZone", "Choose a time zone such as Europe/Berlin or America/New_York.");
        }
        String p = password == null ? "" : password;
        if (creating || !p.isEmpty()) {
            if (p.length() < MIN_PASSWORD) {
                errors.put("password", "Password must be at least " + MIN_PASSWORD + " characters.");
            } else if (p.length() > 128) {
                errors.put("password", "Password must be at most 128 characters.");
            }
        }
        return errors;
    }

    Role parseRole() {
        try {
            return role == null ? null : Role.valueOf(role.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    Long teamId() {
        String t = trim(team);
        return t.isEmpty() || !dev.baton.platform.Ids.isValid(t) ? null : dev.baton.platform.Ids.parse(t);
    }

    UserDirectory.UserDraft draft(boolean enabled) {
        return new UserDirectory.UserDraft(trim(email).toLowerCase(Locale.ROOT), trim(displayName), parseRole(),
                teamId(), trim(timeZone), enabled);
    }

    static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}
