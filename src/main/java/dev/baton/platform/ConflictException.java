package dev.baton.platform;

/** The request is well-formed but clashes with stored state (a taken email, a record still in use). */
public class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
