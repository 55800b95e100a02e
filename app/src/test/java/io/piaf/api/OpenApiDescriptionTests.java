package io.piaf.api;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.piaf.testing.Api;
import io.piaf.testing.PiafTest;

@PiafTest
class OpenApiDescriptionTests {

    @Autowired Api api;

    @Test
    void the_description_is_written() throws Exception {
        var served = io.piaf.testing.OpenApiDocument.text(api);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "openapi.json"), served);
    }
}
