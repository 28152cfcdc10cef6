package dev.baton.web.ui.admin;

import dev.baton.web.ui.UiController;
import dev.baton.platform.AuditLog;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import dev.baton.platform.Role;
import dev.baton.platform.UserDirectory;
import dev.baton.platform.UserDirectory.User;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import jakarta.servlet.http.HttpServletResponse;

/** User administration (/admin/** is ADMIN only). Every change is written to the audit log. */
@Controller
class AdminUsersController extends UiController {

    static final List<String> ZONES = new TreeSet<>(ZoneId.getAvailableZoneIds()).stream()
            .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/")).toList();

    private final UserDirectory users;
    private final AuditLog audit;

    AdminUsersController(UserDirectory users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
    }

    @GetMapping("/admin/users")
    String list(Model model) {
        List<User> all = users.list(null, null, null, 1000);
        model.addAttribute("users", all);
        model.addAttribute("teamNames", teamNames());
        return "admin/users";
    }

    @GetMapping("/admin/users/new")
    String newUser(Model model) {
        return form(model, UserForm.blank(), Map.of(), null);
    }

    @PostMapping("/admin/users")
    String create(@ModelAttribute UserForm form, Authentication auth, Model model, RedirectAttributes flash,
            HttpServletResponse response) {
        Map<String, String> errors = form.validate(true, users);
        if (errors.isEmpty()) {
            try {
                User u = users.create(form.draft(true), form.password());
                audit.record(auth.getName(), "user.created", "user", Ids.format(u.id()),
                        "email=" + u.email() + " role=" + u.role());
                flash.addFlashAttribute("notice", "User " + u.email() + " was created.");
                return "redirect:/admin/users";
            } catch (UserDirectory.DuplicateEmailException e) {
                errors = Map.of("email", "A user with this email already exists.");
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return form(model, form, errors, null);
    }

    @GetMapping("/admin/users/{id}")
    String edit(@PathVariable String id, Model model) {
        User u = find(id);
        return form(model, UserForm.of(u), Map.of(), u);
    }

    @PostMapping("/admin/users/{id}")
    String update(@PathVariable String id, @ModelAttribute UserForm form, Authentication auth, Model model,
            RedirectAttributes flash, HttpServletResponse response) {
        User u = find(id);
        Map<String, String> errors = new java.util.LinkedHashMap<>(form.validate(false, users));
        if (u.email().equalsIgnoreCase(auth.getName()) && form.parseRole() != null && form.parseRole() != Role.ADMIN) {
            errors.put("role", "You cannot take the admin role away from yourself.");
        }
        if (errors.isEmpty()) {
            try {
                User updated = users.update(u.id(), form.draft(u.enabled()));
                if (form.password() != null && !form.password().isEmpty()) {
                    users.changePassword(u.id(), form.password());
                }
                audit.record(auth.getName(), "user.updated", "user", Ids.format(u.id()),
                        "email=" + updated.email() + " role=" + updated.role()
                                + (form.password() == null || form.password().isEmpty() ? "" : " password changed"));
                flash.addFlashAttribute("notice", "User " + updated.email() + " was saved.");
                return "redirect:/admin/users";
            } catch (UserDirectory.DuplicateEmailException e) {
                errors = Map.of("email", "A user with this email already exists.");
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
        return form(model, form, errors, u);
    }

    @PostMapping("/admin/users/{id}/enabled")
    String toggle(@PathVariable String id, Authentication auth, RedirectAttributes flash) {
        User u = find(id);
        if (u.email().equalsIgnoreCase(auth.getName())) {
            flash.addFlashAttribute("error", "You cannot disable your own account.");
            return "redirect:/admin/users";
        }
        boolean enable = !u.enabled();
        users.update(u.id(), new UserDirectory.UserDraft(u.email(), u.displayName(), u.role(), u.teamId(),
                u.timeZone(), enable));
        audit.record(auth.getName(), enable ? "user.enabled" : "user.disabled", "user", Ids.format(u.id()),
                "email=" + u.email());
        flash.addFlashAttribute("notice", "User " + u.email() + (enable ? " was enabled." : " was disabled."));
        return "redirect:/admin/users";
    }

    private String form(Model model, UserForm form, Map<String, String> errors, User editing) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("editing", editing);
        model.addAttribute("roles", Role.values());
        model.addAttribute("teams", users.teams());
        model.addAttribute("zones", ZONES);
        return "admin/user-form";
    }

    private User find(String id) {
        if (!Ids.isValid(id)) {
            throw new NotFoundException("user", id);
        }
        return users.find(Ids.parse(id)).orElseThrow(() -> new NotFoundException("user", id));
    }

    private Map<Long, String> teamNames() {
        return users.teams().stream().collect(Collectors.toMap(UserDirectory.Team::id, UserDirectory.Team::name));
    }
}
