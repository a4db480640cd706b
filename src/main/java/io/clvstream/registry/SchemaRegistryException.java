package io.clvstream.registry;

/**
 * A registry answered with an error. Carries the registry's own {@code error_code} (e.g. 40401
 * subject not found, 40403 schema not found, 409 incompatible, 42201 invalid schema) so callers
 * can tell "not there" from "not allowed". Messages never contain credentials.
 */
public class SchemaRegistryException extends RuntimeException {
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    public static final int SUBJECT_LEVEL_NOT_CONFIGURED = 40408;
    public static final int STORE_ERROR = 50001;
    public static final int UNAVAILABLE = 50003;

    private final int httpStatus;
    private final int errorCode;
    private final String registryMessage;

    public SchemaRegistryException(int httpStatus, int errorCode, String message) {
        this(httpStatus, errorCode, message, null);
    }

    public SchemaRegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message + " (error_code " + errorCode + ")", cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.registryMessage = message;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }

    /** True when the registry could not answer (unreachable, timeout, 5xx): worth retrying, unlike a 4xx verdict. */
    public boolean isUnavailable() {
        return httpStatus >= 500;
    }

    /** The message as the registry put it in its {@code message} field, without the error code suffix. */
    public String registryMessage() {
        return registryMessage;
    }
}
