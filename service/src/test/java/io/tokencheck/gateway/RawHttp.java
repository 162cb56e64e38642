package io.tokencheck.gateway;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A minimal HTTP/1.1 client over a plain socket, so that a request target reaches the gateway byte for byte
 * ({@code /a/../b}, {@code %2e%2e}, {@code ..;}): JDK clients would normalise or reject such paths.
 */
final class RawHttp {

    /**
     * One response.
     *
     * @param status  the status code
     * @param headers name/value pairs as received
     * @param body    the body (read until the server closes the connection)
     */
    record Response(int status, List<String[]> headers, String body) {
        Optional<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }

        List<String> headers(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }

        /** The value of a header line the echo upstream reported, or null. */
        String upstreamSaw(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ": ";
            return body.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst().orElse(null);
        }
    }

    private RawHttp() {
    }

    /** Sends one request with {@code Connection: close}; headers are name/value pairs. */
    static Response send(int port, String method, String target, String... headers) {
        try (Socket s = open(port, request(method, target, "Connection: close\r\n", headers))) {
            return parse(readAll(s.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One request byte for byte, Host api.example.com; reads the head and a Content-Length body (Helidon keeps the
     * connection open after an empty response, so a read until close would wait). No {@code Connection} header, as Envoy.
     */
    static Response sendKeepAlive(int port, String method, String target, String... headers) {
        try (Socket s = open(port, request(method, target, "", headers))) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            int status = Integer.parseInt(in.readLine().split(" ")[1]);
            List<String[]> received = new ArrayList<>();
            int length = 0;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                int colon = line.indexOf(':');
                String[] h = {line.substring(0, colon).trim(), line.substring(colon + 1).trim()};
                received.add(h);
                if (h[0].equalsIgnoreCase("content-length")) {
                    length = Integer.parseInt(h[1]);
                }
            }
            char[] body = new char[Math.min(length, 1 << 20)];
            int read = 0;
            while (read < body.length) {
                int n = in.read(body, read, body.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            return new Response(status, received, new String(body, 0, read));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String request(String method, String target, String extraHead, String... headers) {
        StringBuilder req = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: api.example.com\r\n" + extraHead);
        for (int i = 0; i < headers.length; i += 2) {
            req.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        return req.append("\r\n").toString();
    }

    /** A loopback connection that has sent this request (the caller closes it). */
    private static Socket open(int port, String request) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(15000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) > 0) {
            buf.write(chunk, 0, n);
            if (buf.size() > 1 << 20) {
                throw new IOException("response larger than 1 MiB");
            }
        }
        return buf.toByteArray();
    }

    private static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalStateException("incomplete response: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).trim();
            String value = lines[i].substring(colon + 1).trim();
            headers.add(new String[] {name, value});
            chunked |= name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked");
        }
        String body = text.substring(end + 4);
        return new Response(status, headers, chunked ? dechunk(body) : body);
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int pos = 0;
        while (pos < body.length()) {
            int lineEnd = body.indexOf("\r\n", pos);
            int size = Integer.parseInt(body.substring(pos, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            pos = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }
}
