package io.tokencheck.keys;

import java.net.URI;
import java.util.Locale;

/** Recognises key URLs that travel unencrypted over the network (plain http:// to a host that is not loopback). */
final class PlainHttp {
    private PlainHttp() {
    }

    /** True for http:// to anything but localhost or a loopback literal; judged from the text, without DNS. */
    static boolean toRemoteHost(URI uri) {
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            return false;
        }
        String host = uri.getHost();
        if (host == null) {
            return true;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return !(h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.")
                || h.equals("[::1]") || h.equals("::1"));
    }
}
