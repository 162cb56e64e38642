package io.tokencheck.loadtest;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that sends a prepared request and reads back the status, skipping headers and
 * body. Deliberately minimal (no pipelining, no TLS), so that the generator costs far less than the service it loads.
 */
final class HttpConnection implements AutoCloseable {
    private static final int MAX_LINE = 16 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean reusable = true;
    private boolean used;

    private HttpConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        this.out = socket.getOutputStream();
    }

    /** Opens a connection (TCP_NODELAY: a request is one small write that must leave at once). */
    static HttpConnection open(String host, int port, int connectTimeoutMillis) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            return new HttpConnection(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** Thrown when a reused connection turns out to be closed by the server before answering: safe to retry. */
    static final class StaleConnectionException extends IOException {
        StaleConnectionException() {
            super("keep-alive connection closed by the server");
        }
    }

    /** Sends the request and returns the response status; reads the whole response so the connection can be reused. */
    int exchange(byte[] request, int timeoutMillis) throws IOException {
        boolean wasUsed = used;
        used = true;
        socket.setSoTimeout(Math.max(1, timeoutMillis));
        String statusLine;
        try {
            out.write(request);
            out.flush();
            statusLine = readLine();
        } catch (EOFException | java.net.SocketException e) {
            reusable = false;
            if (wasUsed) {
                throw new StaleConnectionException();
            }
            throw e;
        }
        int status = parseStatus(statusLine);
        long contentLength = -1;
        boolean chunked = false;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("transfer-encoding") && value.toLowerCase().contains("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
                reusable = false;
            }
        }
        if (chunked) {
            skipChunked();
        } else if (contentLength >= 0) {
            skip(contentLength);
        } else if (status >= 200 && status != 204 && status != 304) {
            reusable = false; // body delimited by close: cannot reuse
        }
        return status;
    }

    /** False once the server said close, or a read failed. */
    boolean reusable() {
        return reusable && !socket.isClosed();
    }

    private static int parseStatus(String line) throws IOException {
        // "HTTP/1.1 200 OK"
        if (!line.startsWith("HTTP/1.") || line.length() < 12) {
            throw new IOException("not an HTTP/1.x status line");
        }
        try {
            return Integer.parseInt(line.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("bad status code in the status line");
        }
    }

    private void skipChunked() throws IOException {
        while (true) {
            String sizeLine = readLine();
            int semi = sizeLine.indexOf(';');
            long size = Long.parseLong((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers
                }
                return;
            }
            skip(size);
            readLine();
        }
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            long k = in.skip(n);
            if (k <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("response body ended early");
                }
                k = 1;
            }
            n -= k;
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                reusable = false;
                throw new EOFException("connection closed mid-response");
            }
            if (b == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            if (sb.length() >= MAX_LINE) {
                throw new IOException("response line too long");
            }
            sb.append((char) b);
        }
    }

    /** Builds a GET request with an optional bearer token. */
    static byte[] request(String hostHeader, String path, String token) {
        StringBuilder sb = new StringBuilder(160 + (token == null ? 0 : token.length()));
        sb.append("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(hostHeader).append("\r\n");
        if (token != null) {
            sb.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        sb.append("User-Agent: tokencheck-loadtest\r\n\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        reusable = false;
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
