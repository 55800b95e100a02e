package io.piaf.platform.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Secret files: one secret per file, named after the secret, as a secret store mounts them (Kubernetes, Docker,
 * systemd credentials). Files this class writes are created owner-only (0600, in a 0700 directory) and appear whole
 * (written aside, then moved), so that a second process starting at the same time reads either nothing or the value.
 * Plain Java: Flyway migrations use it too.
 */
public final class SecretFiles {

    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private SecretFiles() {
    }

    /** The secret's value, trimmed; empty when there is no such file. */
    public static Optional<String> read(Path dir, String name) {
        var file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the secret file " + file, e);
        }
    }

    /**
     * Writes the secret unless a file of that name exists; returns the value that is there afterwards (the one given,
     * or the one another process wrote first).
     */
    public static String writeIfAbsent(Path dir, String name, String value) {
        try {
            createOwnerOnlyDirectory(dir);
            var file = dir.resolve(name);
            if (Files.exists(file)) {
                return read(dir, name).orElseThrow();
            }
            var temporary = Files.createTempFile(dir, "." + name, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            try {
                Files.writeString(temporary, value + "\n", StandardCharsets.UTF_8);
                // A hard link never replaces an existing file (a rename would): the first writer wins, as two
                // instances starting together must agree on one value.
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException e) {
                // another process was first
            } finally {
                Files.deleteIfExists(temporary);
            }
            return read(dir, name).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the secret file " + dir.resolve(name)
                    + ": is the secrets directory writable?", e);
        }
    }

    /** True when group or others may read the file: a secret left so is worth a warning. */
    public static boolean readableByOthers(Path file) {
        try {
            var permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    static void createOwnerOnlyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.toAbsolutePath().getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            } catch (FileAlreadyExistsException e) {
                // created meanwhile by another process
            }
        }
    }
}
