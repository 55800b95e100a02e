package io.piaf.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.piaf.testing.PiafTest;

/**
 * Errors raised below Spring — by reactor-netty's HTTP decoder (a request line or headers too long) or by the URI
 * parsing of the adapter (malformed percent-encoding) — and bodies that are not valid UTF-8 still get problem+json.
 * Sent as raw bytes on a socket: an HTTP client would refuse to send most of them.
 */
@PiafTest
class HttpLayerProblemTests {

    @LocalServerPort int port;

    @Test
    void malformed_percent_encoding_in_the_query_is_a_problem() throws IOException {
        var answer = send("GET /api/timeline?cursor=%%% HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
                .contains("\"code\":\"rejected_request\"");
    }

    @Test
    void malformed_percent_encoding_in_the_path_is_a_problem() throws IOException {
        var answer = send("GET /api/users/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
                .contains("\"code\":\"rejected_request\"");
    }

    @Test
    void a_request_line_too_long_is_a_414_problem() throws IOException {
        var answer = send("GET /api/timeline?cursor=" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 414").containsIgnoringCase("content-type: application/problem+json")
                .contains("\"code\":\"uri_too_long\"");
    }

    @Test
    void headers_too_large_are_a_431_problem() throws IOException {
        var answer = send("GET /api/me HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 431").containsIgnoringCase("content-type: application/problem+json")
                .contains("\"code\":\"headers_too_large\"");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = { "C328", "FF", "C0AF", "E080AF", "EDA080", "F4908080", "E282", "80", "F8888080" })
    void a_body_that_is_not_valid_utf8_is_refused_not_repaired(String hex) throws IOException {
        var handle = io.piaf.testing.Api.uniqueHandle("utf");
        var head = "{\"handle\":\"" + handle + "\",\"password\":\"long enough\",\"displayName\":\"Bad ";
        var tail = "\"}";
        var body = new ByteArrayOutputStream();
        body.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(java.util.HexFormat.of().parseHex(hex));
        body.writeBytes(tail.getBytes(StandardCharsets.US_ASCII));
        var request = new ByteArrayOutputStream();
        request.writeBytes(("POST /api/auth/signup HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + body.size() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(body.toByteArray());

        var answer = send(request.toByteArray());

        assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
                .contains("\"code\":\"malformed_request\"");
    }

    private String send(String request) throws IOException {
        return send(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    private String send(byte[] request) throws IOException {
        try (var socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            var in = socket.getInputStream();
            var answer = new ByteArrayOutputStream();
            var buffer = new byte[8192];
            // Read the status, the headers and whatever body arrives within a moment.
            int n;
            long deadline = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < deadline && (n = readSome(in, buffer)) != -1) {
                answer.write(buffer, 0, n);
                var text = answer.toString(StandardCharsets.UTF_8);
                var end = text.indexOf("\r\n\r\n");
                if (end >= 0 && (text.contains("}") || text.toLowerCase().contains("content-length: 0"))) {
                    break;
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static int readSome(java.io.InputStream in, byte[] buffer) throws IOException {
        try {
            return in.read(buffer);
        } catch (java.net.SocketTimeoutException e) {
            return -1;
        }
    }
}
