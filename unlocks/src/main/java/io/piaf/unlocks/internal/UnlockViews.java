package io.piaf.unlocks.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.piaf.common.ApiFormats;
import io.piaf.unlocks.internal.domain.ContentLinks;
import io.piaf.unlocks.internal.domain.FileRules;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** What the unlocks API answers (docs/api.md, "Content payments"). */
final class UnlockViews {

    static final int LIST_MAX = 50;
    static final String MONEY = "#/components/schemas/Money";
    static final String MONEY_INPUT = "#/components/schemas/MoneyInput";

    private UnlockViews() {
    }

    @Schema(name = "UnlockableContent", description = "The content: a text, a link, a file, or several of them")
    record Content(@Schema(maxLength = 10_000, pattern = ApiFormats.TEXT) String text,
            @Schema(maxLength = 2_000, format = "uri", description = "An http(s) link") String url,
            @Schema(description = "A file Piaf stores") FileView file) {
    }

    @Schema(name = "UnlockableFile", description = "A content file: what it is, and a signed link that downloads it")
    record FileView(
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = FileRules.NAME_MAX, pattern = ApiFormats.LINE,
                    description = "The name it downloads under") String name,
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 40, pattern = "^[a-z0-9.+-]+/[a-z0-9.+-]+$") String contentType,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1", maximum = "2147483647", description = "Bytes") int size,
            @Schema(maxLength = 300, pattern = "^/api/unlockables/", description = "A signed link that downloads it (the content link's "
                    + "signature), relative to this API's origin; absent on an upload") String url) {

        static FileView of(FileRow file, String url) {
            return file == null ? null : new FileView(file.name(), file.contentType(), file.size(), url);
        }
    }

    @Schema(name = "UploadedFile", description = "An upload, waiting for an item to name it (content.fileId)")
    record Uploaded(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid", description = "content.fileId when you create the item") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = FileRules.NAME_MAX, pattern = ApiFormats.LINE) String name,
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 40, pattern = "^[a-z0-9.+-]+/[a-z0-9.+-]+$") String contentType,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1", maximum = "2147483647") int size) {

        static Uploaded of(FileRow file) {
            return new Uploaded(file.id().toString(), file.name(), file.contentType(), file.size());
        }
    }

    /** The file's download link: the content link's path with /file, the same query and signature. */
    static String fileUrl(String contentPath) {
        return contentPath.replaceFirst("/content\\?", "/content/file?");
    }

    @Schema(name = "Unlockable", description = "An item. Everyone sees the teaser and the post to publish; the creator and "
            + "those who unlocked it also see the content and a fresh signed link to it.")
    record Item(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 80, pattern = ApiFormats.TEXT) String title,
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 500, pattern = ApiFormats.TEXT) String teaser,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX,
                    description = "The creator's handle") String creator,
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 280, pattern = ApiFormats.TEXT,
                    description = "The post to publish, the item's link in it: send it back as it is, or edited within the rules") String postTemplate,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "What an edited post must keep, exactly (case counts); the link first")
            @ArraySchema(maxItems = 11, schema = @Schema(maxLength = 2_000, pattern = ApiFormats.TEXT)) List<String> requiredText,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1", maximum = "280", description = "The longest the published post may be")
            int maxLength,
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 2_000, format = "uri", description = "The item's link, as it appears in posts")
            String link,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") Instant createdAt,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "Whether you created it") boolean mine,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "Whether you unlocked it (and still have it)") boolean unlocked,
            @Schema(description = "To the creator and unlockers only") Content content,
            @Schema(maxLength = 300, pattern = "^/api/unlockables/", description = "To the creator and unlockers: a signed link to the content, "
                    + "relative to this API's origin; it opens without a token until expiresAt") String contentUrl,
            @Schema(format = "date-time", description = "When contentUrl stops opening") Instant expiresAt,
            @Schema(format = "uuid", description = "To an unlocker by post: the post that unlocked it") String postId,
            @Schema(ref = MONEY, description = "The price of an unlock by payment, when the creator offers one") MoneyView price,
            @Schema(allowableValues = { "POST", "PAID" }, description = "To an unlocker: how they unlocked it") String unlockedBy) {
    }

    /** Money as the API writes it (payments' Money schema). */
    record MoneyView(String amount, String currency) {
        static MoneyView of(Long cents) {
            return cents == null ? null : new MoneyView(io.piaf.unlocks.internal.domain.Price.format(cents), "EUR");
        }
    }

    @Schema(name = "UnlockPurchased", description = "Paid: the content is yours")
    record Purchased(
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY) MoneyView amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid", description = "The ledger transfer that paid the creator") String transferId,
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 300, pattern = "^/api/unlockables/",
                    description = "A signed link to the content, relative to this API's origin; it opens without a token until expiresAt") String contentUrl,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") Instant expiresAt) {

        static Purchased of(UnlockPurchases.Purchased p) {
            return new Purchased(MoneyView.of(p.unlock().amount()), p.unlock().transferId().toString(), p.link().path(), p.link().expiresAt());
        }
    }

    @Schema(name = "UnlockableList")
    record Items(@Schema(requiredMode = RequiredMode.REQUIRED)
            @ArraySchema(maxItems = LIST_MAX, schema = @Schema(implementation = Item.class)) List<Item> items) {
    }

    @Schema(name = "Unlocked", description = "The post is published and the content is yours")
    record Unlocked(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid", description = "The post you published") String postId,
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 300, pattern = "^/api/unlockables/",
                    description = "A signed link to the content, relative to this API's origin; it opens without a token until expiresAt") String contentUrl,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") Instant expiresAt) {

        static Unlocked of(UnlockService.Granted granted) {
            return new Unlocked(granted.unlock().post().toString(), granted.link().path(), granted.link().expiresAt());
        }
    }

    @Schema(name = "UnlockedContent")
    record Opened(@Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 80, pattern = ApiFormats.TEXT) String title,
            @Schema(maxLength = 10_000, pattern = ApiFormats.TEXT) String text,
            @Schema(maxLength = 2_000, format = "uri") String url,
            @Schema(description = "A file: its url downloads it") FileView file) {
    }

    @Schema(name = "UnlockChainLink", description = "One unlock, and whose unlock post it came from")
    record ChainLink(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX) String user,
            @Schema(pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX, description = "Whose unlock post led to it, if any") String via,
            @Schema(format = "uuid", description = "The unlock post; absent for a paid unlock") String postId,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "2147483647",
                    description = "The post's audience: its author's followers when it was published") int audience,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") Instant at,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "POST", "PAID" }) String kind) {
    }

    @Schema(name = "UnlockStats")
    record Stats(
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "2147483647", description = "Unlocks in force") int unlocks,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "2147483647", description = "Of which by posting") int byPost,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "2147483647", description = "Of which by payment") int paid,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY, description = "What the paid unlocks brought") MoneyView revenue,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "0", maximum = "9007199254740991",
                    description = "The sum of the unlock posts' audiences") long reach,
            @Schema(minimum = "0", maximum = "1000000", description = "post unlocks / reach, 4 decimals; absent while reach is 0") BigDecimal conversion,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "Every unlock in force, oldest first")
            @ArraySchema(maxItems = 100_000, schema = @Schema(implementation = ChainLink.class)) List<ChainLink> chain) {
    }

    static Item item(UnlockableRow row, String link, boolean mine, UnlockRow unlock, ContentLinks.Link signed) {
        var open = mine || unlock != null;
        return new Item(row.id().toString(), row.title(), row.teaser(), row.creatorHandle(), row.template().text(),
                row.template().required(), row.template().maxLength(), link, row.createdAt(), mine, unlock != null,
                open ? new Content(row.contentText(), row.contentUrl(), FileView.of(row.file(), fileUrl(signed.path()))) : null,
                open ? signed.path() : null,
                open ? signed.expiresAt() : null, unlock == null || unlock.post() == null ? null : unlock.post().toString(),
                MoneyView.of(row.price()), unlock == null ? null : unlock.kind());
    }
}
