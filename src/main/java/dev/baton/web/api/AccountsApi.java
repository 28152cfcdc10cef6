package dev.baton.web.api;

import dev.baton.people.Account;
import dev.baton.people.AccountDirectory;
import dev.baton.people.AccountDraft;
import dev.baton.people.AccountQuery;
import dev.baton.platform.Ids;
import dev.baton.platform.NotFoundException;
import dev.baton.platform.SortOrder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Accounts", description = "Companies (B2B buying units)")
class AccountsApi {

    private final AccountDirectory accounts;

    AccountsApi(AccountDirectory accounts) {
        this.accounts = accounts;
    }

    /** The writable fields of an account; annualRevenue is in whole units of the reporting currency. */
    public record AccountRequest(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 253) @Pattern(regexp = "^[A-Za-z0-9.-]*$", message = "must be a domain name such as example.com")
            String domain,
            @Size(max = 100) String industry,
            @PositiveOrZero @Max(10_000_000) Integer employees,
            @PositiveOrZero Long annualRevenue,
            @Size(max = 100) String region,
            @Size(max = 100) String country,
            @ValidId String ownerId) {

        AccountDraft draft() {
            return new AccountDraft(name.trim(), domain, industry, employees, annualRevenue, region, country,
                    Checks.id(ownerId));
        }
    }

    public record AccountView(String id, String name, String domain, String industry, Integer employees,
            Long annualRevenue, String region, String country, String ownerId, Instant createdAt, Instant updatedAt) {

        static AccountView of(Account a) {
            return new AccountView(Ids.format(a.id()), a.name(), a.domain(), a.industry(), a.employees(),
                    a.annualRevenue(), a.region(), a.country(), Ids.formatNullable(a.ownerId()), a.createdAt(),
                    a.updatedAt());
        }
    }

    @GetMapping
    @Operation(summary = "List accounts in id order", description = "q matches name and domain.")
    ApiPage<AccountView> list(@RequestParam(required = false) String q,
            @RequestParam(required = false) String industry,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String country,
            @RequestParam(required = false) String ownerId,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        Paging.limit(limit);
        AccountQuery query = new AccountQuery(ContactsApi.blankToNull(q), ContactsApi.blankToNull(industry),
                ContactsApi.blankToNull(region), ContactsApi.blankToNull(country), Params.id("ownerId", ownerId),
                SortOrder.cursor(Paging.cursor(cursor), limit + 1));
        return ApiPage.of(accounts.search(query), limit, Account::id, AccountView::of);
    }

    @GetMapping("/{id}")
    AccountView get(@PathVariable String id) {
        return accounts.find(Checks.pathId("account", id)).map(AccountView::of)
                .orElseThrow(() -> new NotFoundException("account", id));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AccountView> create(@Valid @RequestBody AccountRequest body) {
        AccountView view = AccountView.of(accounts.create(body.draft()));
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + view.id())).body(view);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    AccountView update(@PathVariable String id, @Valid @RequestBody AccountRequest body) {
        long accountId = existing(id);
        return AccountView.of(accounts.update(accountId, body.draft()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an account", description = "Its contacts are detached. 409 while opportunities "
            + "still reference it.")
    void delete(@PathVariable String id) {
        accounts.delete(existing(id));
    }

    private long existing(String id) {
        long accountId = Checks.pathId("account", id);
        if (accounts.find(accountId).isEmpty()) {
            throw new NotFoundException("account", id);
        }
        return accountId;
    }
}
