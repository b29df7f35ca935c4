package ai.omnify.api.alerts.delivery;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A webhook receiver on loopback (port 0) as a customer would write one: it verifies the signature first and keeps
 * what it got. {@code answers} maps the n-th request (from 1) to the status it answers.
 */
final class FakeWebhookReceiver implements AutoCloseable {
    record Received(String path, String body, String timestamp, String signature, boolean signatureValid) {}

    private final HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger requests = new AtomicInteger();

    FakeWebhookReceiver(String secretOrNull, IntUnaryOperator answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", ex -> {
            int n = requests.incrementAndGet();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String ts = ex.getRequestHeaders().getFirst(WebhookSigner.TIMESTAMP_HEADER);
            String sig = ex.getRequestHeaders().getFirst(WebhookSigner.SIGNATURE_HEADER);
            boolean valid = secretOrNull != null && ts != null
                    && WebhookSigner.verify(secretOrNull, Long.parseLong(ts), body, sig);
            received.add(new Received(ex.getRequestURI().getPath(), body, ts, sig, valid));
            int status = answers.applyAsInt(n);
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
