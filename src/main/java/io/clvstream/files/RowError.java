package io.clvstream.files;

/** A line of an input file that could not be read, with the reason. */
public record RowError(long line, String message) {
    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}
