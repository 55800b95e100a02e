package io.piaf.unlocks.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileRulesTests {

    static final FileRules RULES = new FileRules(1000);
    static final byte[] PDF = "%PDF-1.7\n...".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 };

    @Test
    void a_pdf_within_the_limit_is_accepted_under_a_safe_name() {
        var ok = (FileRules.Ok) RULES.check("application/PDF; charset=binary", "guide.pdf", PDF);
        assertThat(ok.file()).isEqualTo(new FileRules.Accepted("application/pdf", "guide.pdf"));
    }

    @Test
    void too_big_empty_unknown_or_lying_files_are_refused_with_their_codes() {
        assertThat(code(RULES.check("application/pdf", "a.pdf", new byte[1001]))).isEqualTo("413 file_too_large");
        assertThat(code(RULES.check("application/pdf", "a.pdf", new byte[0]))).isEqualTo("400 empty_file");
        assertThat(code(RULES.check("text/html", "a.html", "<script>".getBytes()))).isEqualTo("415 unsupported_file_type");
        assertThat(code(RULES.check(null, "a", PDF))).isEqualTo("415 unsupported_file_type");
        assertThat(code(RULES.check("image/png", "a.png", "<svg onload=alert(1)>".getBytes()))).isEqualTo("415 file_type_mismatch");
        assertThat(code(RULES.check("text/plain", "a.txt", new byte[] { 'a', 0, 'b' }))).isEqualTo("415 file_type_mismatch");
        assertThat(code(RULES.check("text/plain", "a.txt", new byte[] { (byte) 0xC3, (byte) 0x28 }))).isEqualTo("415 file_type_mismatch");
        assertThat(code(RULES.check("image/png", "x".repeat(256), PNG))).isEqualTo("400 invalid_file_name");
        assertThat(RULES.announced("application/pdf", 1001L).orElseThrow().code()).isEqualTo("file_too_large");
        assertThat(RULES.announced("application/pdf", null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "../../etc/passwd|text/plain|passwd.txt",
            "C:\\Users\\lea\\guide.PDF|application/pdf|guide.PDF",
            "  .hidden  |text/plain|hidden.txt",
            "page.html|text/plain|page.html.txt",
            "a\u0000b\u202Ec.txt|text/plain|a_b_c.txt",
            "rapport \"final\"; v2.pdf|application/pdf|rapport _final__ v2.pdf",
            "Café – été.pdf|application/pdf|Café – été.pdf",
            "...|image/png|content.png",
            "''|image/png|content.png" })
    void names_are_sanitised(String input, String type, String expected) {
        assertThat(FileRules.safeName(input, type)).isEqualTo(expected);
    }

    @Test
    void a_long_name_keeps_its_extension_within_100_characters() {
        var name = FileRules.safeName("é".repeat(200) + ".pdf", "application/pdf");
        assertThat(name.codePointCount(0, name.length())).isEqualTo(FileRules.NAME_MAX);
        assertThat(name).endsWith(".pdf");
    }

    @Test
    void each_type_is_known_by_its_first_bytes() {
        assertThat(FileRules.looksLike("image/jpeg", new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0 })).isTrue();
        assertThat(FileRules.looksLike("image/gif", "GIF89a..".getBytes())).isTrue();
        assertThat(FileRules.looksLike("image/webp", "RIFF\0\0\0\0WEBPVP8 ".getBytes())).isTrue();
        assertThat(FileRules.looksLike("application/zip", new byte[] { 'P', 'K', 3, 4 })).isTrue();
        assertThat(FileRules.looksLike("audio/mpeg", "ID3\u0004".getBytes())).isTrue();
        assertThat(FileRules.looksLike("text/plain", "Bonjour, été !\n".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(FileRules.looksLike("application/pdf", PNG)).isFalse();
    }

    private static String code(FileRules.Verdict verdict) {
        var refusal = ((FileRules.No) verdict).refusal();
        return refusal.status() + " " + refusal.code();
    }
}
