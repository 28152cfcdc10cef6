package dev.baton.web.api;

import dev.baton.platform.Ids;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Reading ids from query parameters and validating bodies by hand (batches check their size first). */
final class Params {

    private Params() {
    }

    static Long id(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!Ids.isValid(value)) {
            throw new ApiValidationException(name, "must be a 13-character Baton id");
        }
        return Ids.parse(value);
    }

    static <T> void validate(Validator validator, T body) {
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            List<ApiProblem.FieldProblem> errors = violations.stream()
                    .map(v -> new ApiProblem.FieldProblem(path(v.getPropertyPath().toString()), v.getMessage()))
                    .sorted(Comparator.comparing(ApiProblem.FieldProblem::field))
                    .toList();
            throw new ApiValidationException(errors);
        }
    }

    /** Hibernate Validator writes list elements as {@code rows[3].<list element>}; keep the JSON path only. */
    private static String path(String p) {
        return p.replace(".<list element>", "").replace("<list element>", "");
    }
}
