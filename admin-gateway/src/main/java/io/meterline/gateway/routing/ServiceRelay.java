package io.meterline.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.meterline.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;

/**
 * Relays an admin's call on {@code /api/v1/**} to the service that owns it, with the caller's own access token (never
 * a token of the gateway's: each service checks the caller's roles and tenant itself). Status, body and the headers a
 * client reads pass back unchanged; a service that cannot be reached is a 502, one that does not answer in time a
 * 504, both problem+json.
 */
@ApplicationScoped
public class ServiceRelay {

    /** What a caller's request says that the owning service reads; cookies and hop-by-hop headers stay here. */
    static final List<String> REQUEST_HEADERS = List.of(HttpHeaders.ACCEPT, HttpHeaders.CONTENT_TYPE,
            HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.IF_MATCH, HttpHeaders.IF_NONE_MATCH, "X-Request-Id");

    /** What a service's answer says that the caller reads. */
    static final List<String> RESPONSE_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, "Content-Disposition",
            HttpHeaders.ETAG, HttpHeaders.CACHE_CONTROL, HttpHeaders.RETRY_AFTER, "WWW-Authenticate");

    @Inject
    Vertx vertx;

    @Inject
    GatewayConfig config;

    private HttpClient client;

    @PostConstruct
    void start() {
        client = vertx.createHttpClient();
    }

    @PreDestroy
    void stop() {
        client.closeAndAwait();
    }

    /**
     * Relays one call. {@code rawPath} is below {@code /api/v1/} and still percent-encoded, as the caller sent it, so
     * the owning service decodes it exactly once.
     */
    public Uni<Response> relay(String method, String rawPath, String rawQuery, HttpHeaders headers, byte[] body,
            String accessToken) {
        requireNoDotSegments(rawPath);
        OwningService owner = OwningService.of(rawPath).orElseThrow(() -> ProblemException.notFound(
                "No Meterline service serves /api/v1/" + rawPath + "."));
        Map<String, String> forwarded = new HashMap<>();
        for (String name : REQUEST_HEADERS) {
            String value = headers.getHeaderString(name);
            if (value != null) {
                forwarded.put(name, value);
            }
        }
        return send(owner, method, "/api/v1/" + rawPath + (rawQuery == null ? "" : "?" + rawQuery), forwarded, body,
                accessToken, config.relayTimeout()).map(ServiceRelay::answer);
    }

    /**
     * Reads a JSON answer from a service for one of the gateway's own views, with the caller's token. Anything but a
     * 200 fails, as a 502 naming the service and its status.
     */
    public Uni<byte[]> fetch(OwningService owner, String rawPathAndQuery, String accessToken) {
        return fetch(owner, rawPathAndQuery, accessToken, config.relayTimeout());
    }

    /**
     * As {@link #fetch(OwningService, String, String)}, giving up after {@code timeout}: a view's panel says its
     * service is slow rather than hold the page. A null token reads a public document ({@code /q/openapi}).
     */
    public Uni<byte[]> fetch(OwningService owner, String rawPathAndQuery, String accessToken, Duration timeout) {
        return send(owner, "GET", rawPathAndQuery, Map.of(HttpHeaders.ACCEPT, "application/json"), null, accessToken,
                timeout).map(reply -> {
                    if (reply.status() != 200) {
                        throw ProblemException.upstream(502, serviceName(owner) + " answered " + reply.status()
                                + " to " + rawPathAndQuery + ".");
                    }
                    return reply.body();
                });
    }

    /**
     * A service's answer to a read whatever its status, with the timeout of a view: for readiness checks, whose 503
     * body says which check is down. A null token reads a public endpoint.
     */
    public Uni<Answer> probe(OwningService owner, String rawPathAndQuery, String accessToken, Duration timeout) {
        return send(owner, "GET", rawPathAndQuery, Map.of(HttpHeaders.ACCEPT, "application/json"), null, accessToken,
                timeout).map(reply -> new Answer(reply.status(), reply.body()));
    }

    /** A status and a body. */
    public record Answer(int status, byte[] body) {
    }

    /** A service's answer, read whole, with the headers the caller reads. */
    private record Reply(int status, Map<String, String> headers, byte[] body) {
    }

    private Uni<Reply> send(OwningService owner, String method, String rawPathAndQuery, Map<String, String> headers,
            byte[] body, String accessToken, Duration timeout) {
        URI base = config.urlOf(owner);
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(method)).setHost(base.getHost())
                .setPort(port(base)).setSsl("https".equalsIgnoreCase(base.getScheme()))
                .setURI(basePath + rawPathAndQuery);
        headers.forEach(options::putHeader);
        if (accessToken != null) {
            options.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken);
        }
        String service = serviceName(owner);
        return client.request(options)
                .chain(request -> body == null || body.length == 0 ? request.send()
                        : request.send(Buffer.buffer(body)))
                .chain(response -> response.body().map(bytes -> new Reply(response.statusCode(),
                        replyHeaders(response), bytes.getBytes())))
                .ifNoItem().after(timeout).failWith(TimeoutException::new)
                .onFailure(e -> !(e instanceof ProblemException)).transform(e -> e instanceof TimeoutException
                        ? ProblemException.upstream(504, service + " did not answer within "
                                + timeout.toMillis() + " ms.")
                        : ProblemException.upstream(502, service + " could not be reached: " + e.getMessage()));
    }

    public static String serviceName(OwningService owner) {
        return owner.name().toLowerCase(Locale.ROOT) + "-service";
    }

    private static Map<String, String> replyHeaders(HttpClientResponse response) {
        Map<String, String> out = new HashMap<>();
        for (String name : RESPONSE_HEADERS) {
            String value = response.getHeader(name);
            if (value != null) {
                out.put(name, value);
            }
        }
        String location = response.getHeader(HttpHeaders.LOCATION);
        if (location != null) {
            out.put(HttpHeaders.LOCATION, gatewayLocation(location));
        }
        return out;
    }

    private static Response answer(Reply reply) {
        Response.ResponseBuilder out = Response.status(reply.status());
        reply.headers().forEach(out::header);
        return out.entity(reply.body().length == 0 ? null : reply.body()).build();
    }

    /**
     * A service names what it created by its own URL; the caller reaches it through the gateway, at the same path
     * below {@code /api/v1/}.
     */
    static String gatewayLocation(String location) {
        int api = location.indexOf("/api/v1/");
        return api < 0 ? location : location.substring(api);
    }

    /** A dot segment, even percent-encoded, could climb out of {@code /api/v1/} on the owning service. */
    static void requireNoDotSegments(String rawPath) {
        for (String segment : rawPath.split("/", -1)) {
            String decoded = segment.replaceAll("(?i)%2e", ".");
            if (decoded.equals(".") || decoded.equals("..") || segment.toLowerCase(Locale.ROOT).contains("%2f")) {
                throw ProblemException.invalidField("path", "must not contain '.', '..' or an encoded '/' segment");
            }
        }
    }

    private static int port(URI base) {
        return base.getPort() > 0 ? base.getPort() : "https".equalsIgnoreCase(base.getScheme()) ? 443 : 80;
    }
}
