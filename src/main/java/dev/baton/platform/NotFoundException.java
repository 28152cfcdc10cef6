package dev.baton.platform;

/** A referenced record does not exist. The API answers 404, or 400 naming the field when it was a reference. */
public class NotFoundException extends RuntimeException {

    private final String field;

    /** @param field the request field that referenced the missing record, or null when it was the path */
    public NotFoundException(String what, String field, String id) {
        super(what + " " + id + " not found");
        this.field = field;
    }

    public NotFoundException(String what, String id) {
        this(what, null, id);
    }

    public String field() {
        return field;
    }
}
