package io.tokencheck.keys;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/** Recognises key URLs that travel unencrypted over the network (plain http:// to a host that is not loopback). */
public final class PlainHttp {
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");

    private PlainHttp() {
    }

    /** True for http:// to anything but localhost, 127.x.y.z or [::1]; judged from the text, without DNS. */
    public static boolean toRemoteHost(URI uri) {
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            return false;
        }
        String host = uri.getHost();
        if (host == null) {
            return true;
        }
        String h = host.toLowerCase(Locale.ROOT);
        // Only names that cannot point elsewhere: "127.0.0.1.example.com" is a DNS name, not loopback.
        return !(h.equals("localhost") || LOOPBACK_V4.matcher(h).matches() || h.equals("[::1]") || h.equals("::1"));
    }
}
