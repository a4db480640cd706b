package io.clvstream.predict;

/** The transaction ("buy till you die") model the stream fits and scores with. */
public enum TransactionModelType {
    /** Fader, Hardie &amp; Lee 2005: dropout right after a purchase. The default. */
    BG_NBD,
    /** Schmittlein, Morrison &amp; Colombo 1987: dropout at any time. */
    PARETO_NBD
}
