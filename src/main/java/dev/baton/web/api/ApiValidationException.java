package dev.baton.web.api;

import java.util.List;

/** Client input that breaks a rule the annotations cannot express: answered 400 naming the fields. */
class ApiValidationException extends RuntimeException {

    private final List<ApiProblem.FieldProblem> errors;

    ApiValidationException(List<ApiProblem.FieldProblem> errors) {
        super(errors.isEmpty() ? "invalid request" : errors.get(0).field() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    ApiValidationException(String field, String message) {
        this(List.of(new ApiProblem.FieldProblem(field, message)));
    }

    List<ApiProblem.FieldProblem> errors() {
        return errors;
    }
}
