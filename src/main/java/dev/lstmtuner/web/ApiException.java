package dev.lstmtuner.web;

/** A request the API refuses: 400 names the offending query parameter, 404 an unknown id or name. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String parameter;

    private ApiException(int status, String parameter, String message) {
        super(message);
        this.status = status;
        this.parameter = parameter;
    }

    public static ApiException badParameter(String parameter, String message) {
        return new ApiException(400, parameter, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, null, message);
    }

    public int status() {
        return status;
    }

    /** The query parameter at fault; null for 404. */
    public String parameter() {
        return parameter;
    }
}
