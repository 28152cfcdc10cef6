package dev.baton.web.api;

/** A batch with more rows than one request may carry: answered 413. */
class PayloadTooLargeException extends RuntimeException {

    private final String field;

    PayloadTooLargeException(String field, int max, int actual) {
        super(field + " holds " + actual + " rows; at most " + max + " are allowed per request");
        this.field = field;
    }

    String field() {
        return field;
    }
}
