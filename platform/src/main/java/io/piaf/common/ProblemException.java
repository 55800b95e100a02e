package io.piaf.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure a client can act on. Domain code throws it with a stable {@code code}; the web edge turns it into
 * RFC 9457 problem+json with the given HTTP status. The status is a plain int so that domain code stays free of
 * web types.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> properties;

    public ProblemException(int status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    public ProblemException(int status, String code, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.properties = Map.copyOf(new LinkedHashMap<>(properties));
    }

    public static ProblemException badRequest(String code, String detail) {
        return new ProblemException(400, code, detail);
    }

    public static ProblemException forbidden(String code, String detail) {
        return new ProblemException(403, code, detail);
    }

    public static ProblemException notFound(String code, String detail) {
        return new ProblemException(404, code, detail);
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(409, code, detail);
    }

    public static ProblemException unprocessable(String code, String detail) {
        return new ProblemException(422, code, detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    /** Extra members of the problem document, e.g. {@code attemptsLeft}. */
    public Map<String, Object> properties() {
        return properties;
    }
}
