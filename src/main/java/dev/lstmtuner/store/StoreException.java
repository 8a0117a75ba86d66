package dev.lstmtuner.store;

/** The store could not read or write (a database error that is not the user's input). */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
