package io.tokencheck.loadtest;

import io.tokencheck.reason.DenyReason;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One keep-alive HTTP/1.1 connection that sends a prepared request and reads back the status and tokencheck's deny
 * reason, skipping the other headers and the body. Deliberately minimal (no pipelining, no TLS) and parsed in place
 * in one buffer per connection, so that the generator allocates next to nothing per request and costs far less than
 * the service it loads.
 */
final class HttpConnection implements AutoCloseable {
    private static final int MAX_LINE = 16 * 1024;
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRANSFER_ENCODING = "transfer-encoding".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION = "connection".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED = "chunked".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "close".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DENY_REASON = "x-auth-deny-reason".getBytes(StandardCharsets.US_ASCII);
    private static final DenyReason[] REASONS = DenyReason.values();
    private static final byte[][] REASON_CODES = new byte[REASONS.length][];

    static {
        for (int i = 0; i < REASONS.length; i++) {
            REASON_CODES[i] = REASONS[i].code().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int lim;
    private final byte[] line = new byte[MAX_LINE];
    private boolean reusable = true;
    private boolean used;
    private DenyReason reason;

    private HttpConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
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
        int n;
        try {
            out.write(request);
            out.flush();
            n = readLine();
        } catch (EOFException | SocketException e) {
            reusable = false;
            if (wasUsed) {
                throw new StaleConnectionException();
            }
            throw e;
        }
        int status = parseStatus(n);
        reason = null;
        long contentLength = -1;
        boolean chunked = false;
        while ((n = readLine()) > 0) {
            int colon = indexOf(line, n, (byte) ':');
            if (colon <= 0) {
                continue;
            }
            if (nameIs(colon, CONTENT_LENGTH)) {
                contentLength = parseLong(colon + 1, n, 10);
            } else if (nameIs(colon, TRANSFER_ENCODING) && contains(colon + 1, n, CHUNKED)) {
                chunked = true;
            } else if (nameIs(colon, CONNECTION) && contains(colon + 1, n, CLOSE)) {
                reusable = false;
            } else if (nameIs(colon, DENY_REASON)) {
                reason = reasonOf(colon + 1, n);
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

    /** The X-Auth-Deny-Reason of the last response, or null (none, or a code this build does not know). */
    DenyReason reason() {
        return reason;
    }

    /** Matches the header value against the known codes in place (no String per response). */
    private DenyReason reasonOf(int from, int to) {
        while (from < to && (line[from] == ' ' || line[from] == '\t')) {
            from++;
        }
        while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) {
            to--;
        }
        for (int r = 0; r < REASON_CODES.length; r++) {
            if (Arrays.equals(line, from, to, REASON_CODES[r], 0, REASON_CODES[r].length)) {
                return REASONS[r];
            }
        }
        return null;
    }

    /** False once the server said close, or a read failed. */
    boolean reusable() {
        return reusable && !socket.isClosed();
    }

    private int parseStatus(int n) throws IOException {
        // "HTTP/1.1 200 OK"
        if (n < 12 || line[0] != 'H' || line[1] != 'T' || line[2] != 'T' || line[3] != 'P' || line[4] != '/') {
            throw new IOException("not an HTTP/1.x status line");
        }
        return (int) parseLong(9, 12, 10);
    }

    private boolean nameIs(int colon, byte[] lowerName) {
        int end = colon;
        while (end > 0 && line[end - 1] == ' ') {
            end--;
        }
        if (end != lowerName.length) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            if ((line[i] | 0x20) != lowerName[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean contains(int from, int to, byte[] lowerWord) {
        outer:
        for (int i = from; i + lowerWord.length <= to; i++) {
            for (int j = 0; j < lowerWord.length; j++) {
                if ((line[i + j] | 0x20) != lowerWord[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private long parseLong(int from, int to, int radix) throws IOException {
        long v = 0;
        boolean any = false;
        for (int i = from; i < to; i++) {
            int d = Character.digit(line[i], radix);
            if (d >= 0) {
                v = v * radix + d;
                any = true;
                if (v > Integer.MAX_VALUE) {
                    throw new IOException("number too large in response");
                }
            } else if (line[i] == ';') {
                break; // chunk extension
            } else if (line[i] != ' ' && line[i] != '\t') {
                throw new IOException("bad number in response");
            }
        }
        if (!any) {
            throw new IOException("missing number in response");
        }
        return v;
    }

    private static int indexOf(byte[] a, int n, byte b) {
        for (int i = 0; i < n; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private void skipChunked() throws IOException {
        while (true) {
            int n = readLine();
            long size = parseLong(0, n, 16);
            if (size == 0) {
                while (readLine() > 0) {
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
            if (pos == lim) {
                fill();
            }
            int k = (int) Math.min(n, lim - pos);
            pos += k;
            n -= k;
        }
    }

    private void fill() throws IOException {
        int r = in.read(buf, 0, buf.length);
        if (r < 0) {
            reusable = false;
            throw new EOFException("connection closed mid-response");
        }
        pos = 0;
        lim = r;
    }

    /** Reads one line into {@link #line} without its CRLF; returns its length. */
    private int readLine() throws IOException {
        int n = 0;
        while (true) {
            if (pos == lim) {
                fill();
            }
            byte b = buf[pos++];
            if (b == '\n') {
                return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
            }
            if (n >= MAX_LINE) {
                throw new IOException("response line too long");
            }
            line[n++] = b;
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
