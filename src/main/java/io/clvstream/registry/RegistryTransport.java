package io.clvstream.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP to one or more registry URLs with failover: a connection failure or a 5xx answer moves on to
 * the next URL, and the URL that answered last is tried first next time, so a dead first URL costs
 * one connect timeout once rather than on every call. 4xx answers are the registry's verdict and are
 * never retried elsewhere.
 *
 * <p>When no URL can answer (connection failure or 5xx everywhere) the whole round is retried with
 * exponential backoff for up to {@value #RETRY_TIMEOUT_MS} (default 0: fail at once, as a CLI
 * wants; {@code clv run} sets 5 s), logging each retry, then the last error is thrown. The bound
 * keeps a stream thread that waits here inside Kafka's poll and transaction timeouts.
 *
 * <p>Credentials (from {@code basic.auth.user.info} or user info embedded in the URL) only ever
 * travel in the {@code Authorization} header: URLs are stripped of user info before use, so no log
 * line or exception message can carry them.
 */
final class RegistryTransport {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
    static final String RETRY_TIMEOUT_MS = "schema.registry.retry.timeout.ms";
    static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
    private static final long MAX_BACKOFF_MS = 2_000;
    private static final String ACCEPT =
        "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryTransport.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> baseUris = new ArrayList<>();
    private final String authorization;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final AtomicInteger preferred = new AtomicInteger();
    private final long retryTimeoutMs;
    private final long retryBackoffMs;

    RegistryTransport(RegistryClientConfig config) {
        final Map<String, ?> originals = config.originals();
        String urlUserInfo = null;
        for (String url : config.urls()) {
            final URI uri = uri(url);
            if (uri.getRawUserInfo() != null && urlUserInfo == null) {
                urlUserInfo = URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8);
            }
            baseUris.add(withoutUserInfo(uri));
        }
        this.authorization = authorization(originals, urlUserInfo);
        this.requestTimeout = Duration.ofMillis(millis(originals, HTTP_READ_TIMEOUT_MS, 30_000));
        this.retryTimeoutMs = millis(originals, RETRY_TIMEOUT_MS, 0);
        this.retryBackoffMs = Math.max(1, millis(originals, RETRY_BACKOFF_MS, 200));
        final HttpClient.Builder builder = HttpClient.newBuilder()
            .connectTimeout(Duration.ofMillis(millis(originals, HTTP_CONNECT_TIMEOUT_MS, 10_000)));
        if (baseUris.stream().anyMatch(u -> "https".equalsIgnoreCase(u.getScheme()))) {
            builder.sslContext(RegistrySsl.context(originals));
        }
        this.http = builder.build();
    }

    /** The URLs in use, without any user info; safe to log. */
    List<URI> urls() {
        return List.copyOf(baseUris);
    }

    /**
     * Sends {@code body} (null for GET) to {@code path} and returns the parsed JSON answer, retrying
     * while the registry is unavailable (see the class comment).
     */
    JsonNode send(String method, String path, JsonNode body) {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(retryTimeoutMs);
        long backoff = retryBackoffMs;
        for (int attempt = 1; ; attempt++) {
            try {
                return sendOnce(method, path, body);
            } catch (SchemaRegistryException e) {
                final long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (!e.isUnavailable() || leftMs <= 0 || Thread.currentThread().isInterrupted()) {
                    if (attempt > 1) {
                        LOG.warn("Schema registry still unavailable for {} {} after {} attempts; giving up", method, path, attempt);
                    }
                    throw e;
                }
                final long sleep = Math.min(backoff, leftMs);
                LOG.warn("Schema registry unavailable for {} {} (attempt {}); retrying in {} ms", method, path, attempt, sleep);
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }

    private JsonNode sendOnce(String method, String path, JsonNode body) {
        final int start = preferred.get();
        SchemaRegistryException last = null;
        for (int i = 0; i < baseUris.size(); i++) {
            final int index = (start + i) % baseUris.size();
            final URI uri = baseUris.get(index);
            final HttpResponse<String> response;
            try {
                response = http.send(request(uri, method, path, body), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                LOG.warn("Schema registry {} unreachable for {} {}: {}", uri, method, path, e.toString());
                last = new SchemaRegistryException(503, SchemaRegistryException.UNAVAILABLE,
                    "Schema registry unreachable at " + uri + ": " + e.getClass().getSimpleName(), e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(503, SchemaRegistryException.UNAVAILABLE,
                    "Interrupted while calling the schema registry at " + uri, e);
            }
            if (response.statusCode() >= 500) {
                LOG.warn("Schema registry {} answered {} for {} {}", uri, response.statusCode(), method, path);
                last = error(uri, response);
                continue;
            }
            preferred.set(index);
            if (response.statusCode() >= 400) {
                throw error(uri, response);
            }
            return parse(uri, response.body());
        }
        throw last;
    }

    private HttpRequest request(URI base, String method, String path, JsonNode body) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
            .timeout(requestTimeout)
            .header("Accept", ACCEPT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", CONTENT_TYPE)
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    /** The registry's own {@code error_code}/{@code message}, or the HTTP status for non-registry answers (proxies). */
    private static SchemaRegistryException error(URI uri, HttpResponse<String> response) {
        try {
            final JsonNode node = JSON.readTree(response.body());
            if (node != null && node.hasNonNull("error_code")) {
                return new SchemaRegistryException(response.statusCode(), node.get("error_code").asInt(),
                    node.path("message").asText(""));
            }
        } catch (IOException e) {
            // Not JSON: fall through to the generic message.
        }
        return new SchemaRegistryException(response.statusCode(), response.statusCode(),
            "Schema registry at " + uri + " answered HTTP " + response.statusCode());
    }

    private static JsonNode parse(URI uri, String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new SchemaRegistryException(502, 50000, "Schema registry at " + uri + " sent a body that is not JSON", e);
        }
    }

    private static String authorization(Map<String, ?> configs, String urlUserInfo) {
        final Object sourceValue = configs.get(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE);
        // Confluent's default source is URL: user info in the URL is used when present.
        final String source = sourceValue == null ? "URL" : sourceValue.toString().trim().toUpperCase(Locale.ROOT);
        final String userInfo = switch (source) {
            case "USER_INFO" -> {
                final Object value = configs.get(RegistryClientConfig.BASIC_AUTH_USER_INFO);
                if (value == null || value.toString().isBlank()) {
                    throw new IllegalArgumentException(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE
                        + "=USER_INFO needs " + RegistryClientConfig.BASIC_AUTH_USER_INFO + " (user:password)");
                }
                yield value.toString();
            }
            case "URL" -> urlUserInfo;
            default -> throw new IllegalArgumentException("Unsupported " + RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE
                + " \"" + source + "\" (supported: USER_INFO, URL)");
        };
        return userInfo == null ? null
            : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses without echoing the URL: it may hold a password. */
    private static URI uri(String url) {
        try {
            final URI uri = new URI(url);
            if (uri.getHost() == null || uri.getScheme() == null) {
                throw new URISyntaxException("", "no scheme or host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid schema registry URL (scheme://host:port expected): " + e.getReason());
        }
    }

    private static URI withoutUserInfo(URI uri) {
        try {
            final String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Invalid schema registry URL (scheme://host:port expected)");
        }
    }

    private static long millis(Map<String, ?> configs, String key, long fallback) {
        final Object value = configs.get(key);
        return value == null ? fallback : Long.parseLong(value.toString().trim());
    }
}
