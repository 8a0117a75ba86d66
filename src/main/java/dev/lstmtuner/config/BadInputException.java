package dev.lstmtuner.config;

/**
 * Bad user input (a file, a config key, a value): the CLI prints the message and exits with code 2.
 * Messages name the file, line or key, what is wrong, and what to try.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
