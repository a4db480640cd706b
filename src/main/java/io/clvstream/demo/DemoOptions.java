package io.clvstream.demo;

/**
 * How the demo runs, from the command line.
 *
 * @param daysPerSecond  simulated days per real second; 0 or less = as fast as possible
 * @param extras         also send generated signups and refunds
 * @param fresh          delete an earlier demo's data first
 * @param exitWhenDone   stop after the summary instead of keeping broker, registry and Streams up
 * @param interactive    redraw a dashboard with ANSI escapes instead of printing plain lines
 * @param allTierChanges a line for every tier change, not only those touching the two highest tiers
 * @param refreshMs      how often plain output prints the top table
 */
public record DemoOptions(double daysPerSecond, boolean extras, boolean fresh, boolean exitWhenDone,
                          boolean interactive, boolean allTierChanges, long refreshMs) {

    /** 18 months of CDNOW in about 80 seconds. */
    public static final double DEFAULT_SPEED = 7;
}
