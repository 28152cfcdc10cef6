package dev.baton.web.ui;

import dev.baton.platform.AuditLog;
import dev.baton.platform.ProcessorRuntime;
import dev.baton.platform.ProcessorStatus;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Processor health (/system/** is ADMIN and OPS); rebuilding derived state is ADMIN only. */
@Controller
class ProcessorsController extends UiController {

    private final ProcessorRuntime runtime;
    private final AuditLog audit;

    ProcessorsController(ProcessorRuntime runtime, AuditLog audit) {
        this.runtime = runtime;
        this.audit = audit;
    }

    @GetMapping("/system/processors")
    String processors(Model model) {
        List<ProcessorStatus> status = runtime.status();
        model.addAttribute("processors", status);
        return "system/processors";
    }

    @PostMapping("/system/processors/{name}/rebuild")
    String rebuild(@PathVariable String name, Authentication auth, RedirectAttributes flash) {
        if (!Roles.isAdmin(auth)) {
            throw new AccessDeniedException("only administrators rebuild processors");
        }
        boolean known = runtime.status().stream().anyMatch(s -> s.name().equals(name));
        if (!known) {
            throw new dev.baton.platform.NotFoundException("processor", name);
        }
        runtime.rebuild(name);
        audit.record(auth.getName(), "processor.rebuild", "processor", name, "rebuild from the start of the log");
        flash.addFlashAttribute("notice", "Processor " + name + " is rebuilding from the start of the log.");
        return "redirect:/system/processors";
    }
}
