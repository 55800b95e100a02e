package io.piaf.commerce.internal.domain;

import java.net.InetAddress;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Which URLs a webhook may be sent to. Piaf posts from inside its network, so an endpoint that names a loopback,
 * link-local (cloud metadata), private or otherwise internal address would let a merchant reach it (SSRF): refused,
 * unless the host is on the configured allow-list (the local development setup names localhost for the sample
 * merchant). The addresses are the host's resolved ones, checked again before each delivery.
 */
public final class WebhookUrls {

    private WebhookUrls() {
    }

    /** The URL's problem, or null: absolute http(s), a host, no credentials, at most 2000 characters. */
    public static String malformed(String url) {
        if (url == null || url.length() > 2000) {
            return "A webhook URL is an absolute http(s) URL of at most 2000 characters.";
        }
        try {
            var uri = new URI(url);
            if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null || uri.getUserInfo() != null || uri.getFragment() != null) {
                return "A webhook URL is an absolute http(s) URL with a host, without credentials or fragment.";
            }
            return null;
        } catch (java.net.URISyntaxException e) {
            return "A webhook URL is an absolute http(s) URL.";
        }
    }

    public static boolean allowed(String host, Collection<InetAddress> addresses, Collection<String> allowList) {
        if (allowList.stream().anyMatch(allowed -> allowed.equalsIgnoreCase(host))) {
            return true;
        }
        return !addresses.isEmpty() && addresses.stream().allMatch(WebhookUrls::isPublic);
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        var bytes = address.getAddress();
        if (bytes.length == 4) {
            var first = bytes[0] & 0xff;
            var second = bytes[1] & 0xff;
            // 100.64/10 carrier-grade NAT, 0/8, 192.0.0/24, 198.18/15 benchmarking, 240/4 reserved
            return !(first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0)
                    || (first == 198 && (second == 18 || second == 19)) || first >= 240);
        }
        // IPv6 unique local fc00::/7
        return (bytes[0] & 0xfe) != 0xfc;
    }
}
