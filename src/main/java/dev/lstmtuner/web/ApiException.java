package dev.lstmtuner.web;

/** A request the API refuses: 400 names the offending query parameter, 404 an unknown id or name, 403 a refused write. */
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

    /** A refusal that is not about one parameter: 403 (writes off, cross-origin, bad token), 415, ... */
    public static ApiException status(int status, String message) {
        return new ApiException(status, null, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, null, message);
    }

    public int status() {
        return status;
    }

    /** The query parameter at fault; null for other statuses. */
    public String parameter() {
        return parameter;
    }
}
