package dev.baton.web.ui.admin;

import dev.baton.web.ui.UiController;
import dev.baton.platform.ApiTokens;
import dev.baton.platform.AuditLog;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import dev.baton.platform.UserDirectory;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * API tokens: list, issue, revoke. The secret exists only in the response that follows issuing
 * (a one-time flash attribute); it is never stored and cannot be shown again.
 */
@Controller
class AdminTokensController extends UiController {

    private final ApiTokens tokens;
    private final UserDirectory users;
    private final AuditLog audit;

    AdminTokensController(ApiTokens tokens, UserDirectory users, AuditLog audit) {
        this.tokens = tokens;
        this.users = users;
        this.audit = audit;
    }

    @GetMapping("/admin/tokens")
    String list(Model model, Authentication auth) {
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("tokenName")) {
            model.addAttribute("tokenName", "");
        }
        fill(model, auth);
        return "admin/tokens";
    }

    @PostMapping("/admin/tokens")
    String issue(@RequestParam(required = false) String name, @RequestParam(required = false) List<String> scopes,
            @RequestParam(required = false) String user, Authentication auth, Model model,
            RedirectAttributes flash, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        String tokenName = name == null ? "" : name.strip();
        if (tokenName.isEmpty()) {
            errors.put("name", "Give the token a name, e.g. \"Website collector\".");
        } else if (tokenName.length() > 100) {
            errors.put("name", "Name must be at most 100 characters.");
        }
        Set<String> chosen = new LinkedHashSet<>(scopes == null ? List.of() : scopes);
        if (chosen.isEmpty()) {
            errors.put("scopes", "Choose at least one scope.");
        } else if (!ApiTokens.SCOPES.containsAll(chosen)) {
            errors.put("scopes", "Unknown scope; choose api or ingest.");
        }
        UserDirectory.User owner = null;
        if (user == null || user.isBlank()) {
            owner = users.findByEmail(auth.getName()).orElse(null);
        } else if (Ids.isValid(user)) {
            owner = users.find(Ids.parse(user)).orElse(null);
        }
        if (owner == null) {
            errors.put("user", "Choose the user the token acts as.");
        } else if (!owner.enabled()) {
            errors.put("user", "That user is disabled; tokens of disabled users do not work.");
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("errors", errors);
            model.addAttribute("tokenName", tokenName);
            model.addAttribute("chosenScopes", chosen);
            fill(model, auth);
            return "admin/tokens";
        }
        ApiTokens.Issued issued = tokens.issue(owner.id(), tokenName, chosen);
        audit.record(auth.getName(), "token.issued", "token", Ids.format(issued.token().id()),
                "name=" + tokenName + " scopes=" + String.join(",", chosen) + " user=" + owner.email());
        flash.addFlashAttribute("issued", issued);
        return "redirect:/admin/tokens";
    }

    @PostMapping("/admin/tokens/{id}/revoke")
    String revoke(@PathVariable String id, Authentication auth, RedirectAttributes flash) {
        if (!Ids.isValid(id)) {
            throw new NotFoundException("token", id);
        }
        long tokenId = Ids.parse(id);
        ApiTokens.Token token = tokens.list().stream().filter(t -> t.id() == tokenId).findFirst()
                .orElseThrow(() -> new NotFoundException("token", id));
        tokens.revoke(tokenId);
        audit.record(auth.getName(), "token.revoked", "token", id, "name=" + token.name());
        flash.addFlashAttribute("notice", "Token \"" + token.name() + "\" was revoked.");
        return "redirect:/admin/tokens";
    }

    private void fill(Model model, Authentication auth) {
        List<UserDirectory.User> all = users.list(null, null, null, 1000);
        model.addAttribute("tokens", tokens.list());
        model.addAttribute("users", all);
        model.addAttribute("userEmails", all.stream()
                .collect(Collectors.toMap(UserDirectory.User::id, UserDirectory.User::email)));
        model.addAttribute("selfId", users.findByEmail(auth.getName()).map(UserDirectory.User::id).orElse(null));
        if (!model.containsAttribute("chosenScopes")) {
            model.addAttribute("chosenScopes", Set.of(ApiTokens.SCOPE_API));
        }
        model.addAttribute("scopeValues", List.of(ApiTokens.SCOPE_API, ApiTokens.SCOPE_INGEST));
    }
}
