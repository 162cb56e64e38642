package io.tokencheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokencheck.DemoEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the demo prints works: the sample token is allowed, the expired one gets 401, /check/admin gets 403. */
class DemoCommandTest {

    @Test
    void printedTokenAndCurlCommandsGiveAllow401And403() throws Exception {
        try (DemoEnvironment demo = DemoEnvironment.start(0)) {
            String text = DemoCommand.instructions(demo);
            Matcher m = Pattern.compile("^TOKEN=(\\S+)$", Pattern.MULTILINE).matcher(text);
            assertThat(m.find()).as(text).isTrue();
            String token = m.group(1);
            Matcher expired = Pattern.compile("Denied, expired.*\\n\\s+curl -i -H \"Authorization: Bearer (\\S+)\"").matcher(text);
            assertThat(expired.find()).as(text).isTrue();
            String base = demo.server().baseUrl();
            assertThat(text).contains("curl -i -H \"Authorization: Bearer $TOKEN\" " + base + "/check\n");
            assertThat(status(base + "/check", token)).isEqualTo(200);
            assertThat(status(base + "/check", null)).isEqualTo(401);
            assertThat(status(base + "/check", expired.group(1))).isEqualTo(401);
            assertThat(status(base + "/check/admin", token)).isEqualTo(403);
        }
    }

    private static int status(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
