package io.piaf.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A problem an HTTP operation answers with: its status and the stable {@code code}s of {@link ProblemException}s it
 * may throw with that status. The OpenAPI description turns each into an {@code application/problem+json} response
 * whose {@code code} is one of these; it adds by itself what every operation may answer (400 {@code rejected_request},
 * 401 when it needs a token, 400/413/415 when it reads a body, 400 for a bad {@code limit} or {@code cursor}, 500).
 * Plain Java, so that a controller can say it without a dependency on the OpenAPI library.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(ProblemResponse.List.class)
public @interface ProblemResponse {

    int status();

    String[] codes();

    /** When a code needs words: when it happens, which extra members it carries. */
    String description() default "";

    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        ProblemResponse[] value();
    }
}
