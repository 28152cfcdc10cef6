package dev.baton.web.ui.admin;

import dev.baton.web.ui.UiController;
import dev.baton.platform.AuditLog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The audit log: sign-ins and administrative changes, newest first. */
@Controller
class AdminAuditController extends UiController {

    static final int LIMIT = 300;

    private final AuditLog audit;

    AdminAuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/admin/audit")
    String audit(Model model) {
        model.addAttribute("entries", audit.recent(LIMIT));
        model.addAttribute("limit", LIMIT);
        return "admin/audit";
    }
}
