package io.piaf.unlocks.internal;

import java.nio.charset.StandardCharsets;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.common.ApiFormats;
import io.piaf.common.ProblemException;
import io.piaf.common.ProblemResponse;
import io.piaf.unlocks.internal.domain.FileRules;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** Content files of Pay with a Post: the creator's upload, and the download through the signed content link. */
@RestController
@Tag(name = "Unlocks")
class ContentFileController {

    private final UnlockService service;
    private final ContentFiles contentFiles;
    private final FileStore files;

    ContentFileController(UnlockService service, ContentFiles contentFiles, FileStore files) {
        this.service = service;
        this.contentFiles = contentFiles;
        this.files = files;
    }

    @GetMapping("/api/unlockables/{id}/content/file")
    @SecurityRequirements
    @Operation(summary = "Download an item's file with a signed link",
            description = "The content link's query (u, expires, sig) on this path: no token. Answers the file as it was uploaded, "
                    + "with its type and `Content-Disposition: attachment` under its sanitised name.",
            responses = @ApiResponse(responseCode = "200", description = "The file, in its type", content = {
                    @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary", maxLength = 104_857_600)),
                    @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary", maxLength = 104_857_600)),
                    @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary", maxLength = 104_857_600)),
                    @Content(mediaType = "image/gif", schema = @Schema(type = "string", format = "binary", maxLength = 104_857_600)),
                    @Content(mediaType = "image/webp", schema = @Schema(type = "string", format = "binary", maxLength = 104_857_600)),
                    @Content(mediaType = "text/plain", schema = @Schema(type = "string", format = "binary", maxLength = 104_857_600)),
                    @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary", maxLength = 104_857_600)),
                    @Content(mediaType = "application/epub+zip", schema = @Schema(type = "string", format = "binary", maxLength = 104_857_600)),
                    @Content(mediaType = "audio/mpeg", schema = @Schema(type = "string", format = "binary", maxLength = 104_857_600)) }))
    @ProblemResponse(status = 403, codes = "invalid_signature", description = "The link was not made by Piaf, or was changed.")
    @ProblemResponse(status = 404, codes = { "unlockable_not_found", "file_not_found" }, description = "file_not_found: the item has no file.")
    @ProblemResponse(status = 410, codes = { "link_expired", "unlock_revoked" },
            description = "link_expired: ask for the item again for a fresh link; unlock_revoked: the unlock post was deleted.")
    Mono<ResponseEntity<byte[]>> file(
            @Parameter(description = UnlockableController.ID, schema = @Schema(format = "uuid")) @PathVariable String id,
            @Parameter(description = "The unlocker", schema = @Schema(format = "uuid")) @RequestParam(required = false) String u,
            @Parameter(description = "Unix seconds", schema = @Schema(pattern = "^[0-9]{1,19}$", maxLength = 19)) @RequestParam(required = false) String expires,
            @Parameter(description = "The signature", schema = @Schema(pattern = "^[A-Za-z0-9_-]{1,64}$", maxLength = 64)) @RequestParam(required = false) String sig) {
        return Mono.defer(() -> service.open(UnlockableController.parse(id), u, expires, sig))
                .flatMap(row -> row.file() == null ? Mono.empty() : files.read(row.file().id()))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("file_not_found", "This item has no file.")))
                .map(stored -> {
                    var bytes = new byte[stored.data().remaining()];
                    stored.data().get(bytes);
                    return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                            .contentType(MediaType.parseMediaType(stored.file().contentType().equals("text/plain") ? "text/plain;charset=UTF-8"
                                    : stored.file().contentType()))
                            .contentLength(bytes.length)
                            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                    .filename(stored.file().name(), StandardCharsets.UTF_8).build().toString())
                            .header("X-Content-Type-Options", "nosniff")
                            .header("Content-Security-Policy", "sandbox; default-src 'none'")
                            .body(bytes);
                });
    }

    @PostMapping(path = "/api/unlockables/files")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Upload a file to be an item's content",
            description = "The body is the file, its type in Content-Type (one of the types below; its first bytes must match), at most "
                    + "piaf.unlocks.file-max-size (5 MB by default). Name it with ?name=: the name is sanitised (path, control and reserved "
                    + "characters, at most 100 characters, the type's extension added if missing). Then create the item with "
                    + "content.fileId. An upload no item uses within a day is deleted; at most 10 wait at a time.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "The file's bytes", content = {
                    @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary", maxLength = 104_857_600)),
                    @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary", maxLength = 104_857_600)),
                    @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary", maxLength = 104_857_600)),
                    @Content(mediaType = "image/gif", schema = @Schema(type = "string", format = "binary", maxLength = 104_857_600)),
                    @Content(mediaType = "image/webp", schema = @Schema(type = "string", format = "binary", maxLength = 104_857_600)),
                    @Content(mediaType = "text/plain", schema = @Schema(type = "string", format = "binary", maxLength = 104_857_600)),
                    @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary", maxLength = 104_857_600)),
                    @Content(mediaType = "application/epub+zip", schema = @Schema(type = "string", format = "binary", maxLength = 104_857_600)),
                    @Content(mediaType = "audio/mpeg", schema = @Schema(type = "string", format = "binary", maxLength = 104_857_600)) }),
            responses = @ApiResponse(responseCode = "201", description = "Stored",
                    content = @Content(schema = @Schema(implementation = UnlockViews.Uploaded.class))))
    @ProblemResponse(status = 400, codes = { "empty_file", "invalid_file_name" })
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 409, codes = "too_many_unused_files", description = "Ten uploads already wait for an item.")
    @ProblemResponse(status = 413, codes = "file_too_large", description = "Over piaf.unlocks.file-max-size; carries `maxBytes`.")
    @ProblemResponse(status = 415, codes = { "unsupported_file_type", "file_type_mismatch" },
            description = "unsupported_file_type: a type not listed, or none; file_type_mismatch: the bytes are not of the type sent.")
    Mono<UnlockViews.Uploaded> upload(@AuthenticationPrincipal Jwt jwt,
            @Parameter(description = "The file's name (sanitised)", schema = @Schema(maxLength = FileRules.NAME_INPUT_MAX, pattern = ApiFormats.LINE))
            @RequestParam(required = false) String name,
            ServerHttpRequest request) {
        var user = UnlockableController.user(jwt);
        var type = request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        return contentFiles.upload(user, type, name, request.getHeaders().getContentLength(), request.getBody()).map(UnlockViews.Uploaded::of);
    }
}
