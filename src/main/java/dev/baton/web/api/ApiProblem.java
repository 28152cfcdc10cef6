package dev.baton.web.api;

import java.util.List;

/**
 * An RFC 9457 problem document, as every API error is answered ({@code application/problem+json}).
 * {@code errors} names each bad field (JSON path such as {@code contactRoles[0].role}, or a query
 * parameter name) and the rule it broke.
 */
public record ApiProblem(String type, String title, int status, String detail, String instance,
        List<FieldProblem> errors) {

    public record FieldProblem(String field, String message) {
    }
}
