package ai.omnify.api.http;

import ai.omnify.server.http.JsonErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before a request reaches the application (a malformed request line, a URI or headers
 * too large), in the same JSON shape as every other error instead of Jetty's HTML page.
 */
public final class JettyJsonErrors extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Responses.JSON);
        response.write(true, body(code), callback);
    }

    private static ByteBuffer body(int status) {
        String code;
        String message;
        switch (status) {
            case 400 -> {
                code = "bad_request";
                message = "the request is malformed";
            }
            case 413 -> {
                code = "payload_too_large";
                message = "the request body is too large";
            }
            case 414 -> {
                code = "uri_too_long";
                message = "the request URI is too long";
            }
            case 431 -> {
                code = "headers_too_large";
                message = "the request headers are too large";
            }
            default -> {
                code = status >= 500 ? "internal_error" : "http_" + status;
                message = status >= 500 ? "internal error" : "the request cannot be served";
            }
        }
        return ByteBuffer.wrap(JsonErrors.body(code, message));
    }
}
