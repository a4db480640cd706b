package io.clvstream.serving;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/** GET requests to the REST servers of the other instances of this application. */
final class Peers {

    /** A peer's answer, passed on as it is. */
    record Answer(int status, String contentType, String instance, String body) {
    }

    private static final Duration CONNECT = Duration.ofSeconds(2);
    private static final Duration REQUEST = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT).build();

    /** {@code pathAndQuery} starts with {@code /}; a peer that cannot be reached is a 502. */
    Answer get(HostInfo host, String pathAndQuery) {
        final URI uri = URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery);
        try {
            final HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(uri).timeout(REQUEST).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse("application/json"),
                response.headers().firstValue(KeyRouter.INSTANCE_HEADER).orElse(host.host() + ":" + host.port()), response.body());
        } catch (IOException e) {
            throw new PeerUnavailableException(host + " did not answer " + pathAndQuery + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnavailableException("Interrupted while asking " + host);
        }
    }

    /** A peer could not be reached: HTTP 502. */
    static final class PeerUnavailableException extends RuntimeException {
        PeerUnavailableException(String message) {
            super(message, null, false, false);
        }
    }
}
