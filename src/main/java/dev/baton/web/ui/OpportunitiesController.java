package dev.baton.web.ui;

import dev.baton.lifecycle.Opportunity;
import dev.baton.lifecycle.OpportunityQuery;
import dev.baton.lifecycle.OpportunityStage;
import dev.baton.lifecycle.Pipeline;
import dev.baton.people.Account;
import dev.baton.people.AccountDirectory;
import dev.baton.platform.UserDirectory;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The pipeline: opportunities with a stage filter and totals by stage. */
@Controller
class OpportunitiesController extends UiController {

    private final Pipeline pipeline;
    private final AccountDirectory accounts;
    private final UserDirectory users;

    OpportunitiesController(Pipeline pipeline, AccountDirectory accounts, UserDirectory users) {
        this.pipeline = pipeline;
        this.accounts = accounts;
        this.users = users;
    }

    @GetMapping("/opportunities")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String stage,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
            @RequestParam(defaultValue = "1") int page,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            @RequestHeader(value = "HX-History-Restore-Request", required = false) String restore, Model model) {
        String text = ContactsController.trim(q);
        OpportunityStage stageFilter = ListState.parse(OpportunityStage.class, stage);
        ListState<OpportunityQuery.Sort> state = ListState.of("/opportunities", OpportunityQuery.Sort.class, sort,
                dir, page, OpportunityQuery.Sort.CLOSE_DATE, true).filter("q", text).filter("stage", stageFilter);
        state.total(pipeline.count(new OpportunityQuery(text, null, null, null, stageFilter, null, state.order())));
        List<Opportunity> rows = pipeline.search(
                new OpportunityQuery(text, null, null, null, stageFilter, null, state.order()));
        model.addAttribute("state", state);
        model.addAttribute("opportunities", rows);
        model.addAttribute("q", text);
        model.addAttribute("stage", stageFilter);
        model.addAttribute("stageValues", OpportunityStage.values());
        model.addAttribute("stages", DashboardController.stageRows(pipeline.stageTotals(null)));
        model.addAttribute("accountNames", rows.stream().map(Opportunity::accountId).distinct().map(accounts::find)
                .flatMap(Optional::stream).collect(Collectors.toMap(Account::id, Account::name)));
        model.addAttribute("ownerNames", rows.stream().map(Opportunity::ownerId).filter(Objects::nonNull).distinct()
                .map(users::find).flatMap(Optional::stream)
                .collect(Collectors.toMap(UserDirectory.User::id, UserDirectory.User::displayName)));
        if (htmx != null && restore == null) {
            return "opportunities/list :: results";
        }
        return "opportunities/list";
    }
}
