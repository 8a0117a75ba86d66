package dev.lstmtuner.store;

/**
 * The store's server could not be reached (a lost connection, a restarting database, a pool that found no
 * connection) for longer than the outage budget, or once where the caller asked not to wait. Nothing recorded before
 * is lost; the work can go on once the server is back.
 */
public class StoreUnreachableException extends StoreException {
    public StoreUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
