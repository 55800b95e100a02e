package io.piaf;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

@SpringBootApplication
@Modulithic(systemName = "Piaf", sharedModules = { "common", "outbox", "platform" })
public class PiafApplication {

    public static void main(String[] args) {
        SpringApplication.run(PiafApplication.class, args);
    }
}
