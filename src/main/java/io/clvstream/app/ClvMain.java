package io.clvstream.app;

public final class ClvMain {
    public static void main(String[] args) {
        System.out.println("clv-stream");
    }
}
