package io.piaf.savings.internal;

import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.common.ApiFormats;
import io.piaf.common.Cursor;
import io.piaf.common.ProblemException;
import io.piaf.common.ProblemResponse;
import io.piaf.savings.internal.VaultViews.MoneyJson;
import io.piaf.savings.internal.domain.InterestRate;
import io.piaf.savings.internal.domain.VaultName;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** What a vault did: its transactions, its monthly statements (JSON or CSV), and the interest rate. */
@RestController
@Tag(name = "Savings")
class HistoryController {

    static final String MONTH = "^[0-9]{4}-(0[1-9]|1[0-2])$";
    /** A month's movements of one vault: far more than deposits, round-ups, a schedule and interest make. */
    static final int STATEMENT_MAX = 10_000;
    static final String RATE = "^[0-9]{1,3}\\.[0-9]{2,4}$";

    @Schema(name = "VaultStatement", description = "A vault's month, by value day")
    record Statement(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String vaultId,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, minLength = 1, maxLength = VaultName.MAX) String name,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = MONTH, maxLength = 7, example = "2026-11") String month,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = VaultViews.MONEY) MoneyJson openingBalance,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = VaultViews.MONEY) MoneyJson closingBalance,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = VaultViews.MONEY) MoneyJson totalIn,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = VaultViews.MONEY) MoneyJson totalOut,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = VaultViews.MONEY, description = "Interest credited in the month")
            MoneyJson interest,
            @ArraySchema(maxItems = STATEMENT_MAX, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED),
                    schema = @Schema(implementation = VaultViews.TransactionView.class)) List<VaultViews.TransactionView> items) {
    }

    @Schema(name = "SavingsRateChange")
    record Rate(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = RATE, maxLength = 8, example = "4.00",
                    description = "Percent a year") String annualRate,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date") String effectiveFrom) {
    }

    @Schema(name = "SavingsRate", description = "The interest rate of every vault, and its changes")
    record Rates(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = RATE, maxLength = 8, example = "4.00",
                    description = "Percent a year, today") String annualRate,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date") String effectiveFrom,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = "ACT/365 Fixed",
                    description = "Each day earns 1/365 of the annual rate") String convention,
            @ArraySchema(maxItems = 1000, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED,
                    description = "Newest first, changes to come included"), schema = @Schema(implementation = Rate.class)) List<Rate> history) {
    }

    private final VaultService vaults;
    private final MovementStore movements;
    private final RateStore rates;
    private final SavingsProperties properties;
    private final Clock clock;

    HistoryController(VaultService vaults, MovementStore movements, RateStore rates, SavingsProperties properties, Clock clock) {
        this.vaults = vaults;
        this.movements = movements;
        this.rates = rates;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/api/savings/vaults/{id}/transactions")
    @Operation(operationId = "listVaultTransactions", summary = "List a vault's transactions, newest first")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "vault_not_found", description = "Another user's vault is not found either.")
    Mono<VaultViews.Transactions> transactions(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        var owner = Callers.user(jwt);
        var vault = VaultController.vaultId(id);
        return Mono.defer(() -> {
            var size = Cursor.limit(limit, 20, 100);
            Long before = cursor == null ? null : seq(cursor);
            return vaults.find(owner, vault).flatMap(v -> movements.page(v.id(), before, size + 1).collectList()).map(rows -> {
                var items = rows.stream().limit(size).map(VaultViews::of).toList();
                var next = rows.size() > size ? Cursor.encode(rows.get(size - 1).seq()) : null;
                return new VaultViews.Transactions(items, next);
            });
        });
    }

    @GetMapping(path = "/api/savings/vaults/{id}/statements/{month}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getVaultStatement", summary = "Get a vault's monthly statement, as JSON or (Accept: text/csv) as CSV",
            description = "Opening and closing balances, totals in and out, interest credited, and every movement of the month "
                    + "by value day. CSV: header `date,kind,amount,currency,balance_after,id`, CRLF, an OPENING_BALANCE line, "
                    + "one line per movement, a CLOSING_BALANCE line.")
    @ProblemResponse(status = 400, codes = "invalid_month", description = "A later month, or one not written yyyy-mm.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "vault_not_found", description = "Another user's vault is not found either.")
    Mono<Statement> statement(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @Parameter(description = "yyyy-mm, up to this month", schema = @Schema(pattern = MONTH, maxLength = 7)) @PathVariable String month) {
        var owner = Callers.user(jwt);
        var vault = VaultController.vaultId(id);
        return Mono.defer(() -> {
            var period = month(month);
            return vaults.find(owner, vault).flatMap(v -> Mono.zip(
                    movements.balanceAtEndOf(v.id(), period.atDay(1).minusDays(1)),
                    movements.between(v.id(), period.atDay(1), period.atEndOfMonth()).collectList())
                    .map(t -> {
                        var rows = t.getT2();
                        var in = rows.stream().mapToLong(MovementStore.Movement::amount).filter(a -> a > 0).sum();
                        var out = rows.stream().mapToLong(MovementStore.Movement::amount).filter(a -> a < 0).sum();
                        var interest = rows.stream().filter(r -> r.kind() == MovementStore.Kind.INTEREST).mapToLong(MovementStore.Movement::amount).sum();
                        return new Statement(v.id().toString(), v.name(), period.toString(), MoneyJson.of(t.getT1()),
                                MoneyJson.of(t.getT1() + in + out), MoneyJson.of(in), MoneyJson.of(-out), MoneyJson.of(interest),
                                rows.stream().map(VaultViews::of).toList());
                    }));
        });
    }

    /** The same statement as CSV: one line per movement, between an opening and a closing balance line. */
    @GetMapping(path = "/api/savings/vaults/{id}/statements/{month}", produces = "text/csv")
    @Operation(operationId = "getVaultStatement", summary = "Get a vault's monthly statement, as JSON or (Accept: text/csv) as CSV",
            responses = @ApiResponse(responseCode = "200", description = "OK", headers = @Header(name = HttpHeaders.CONTENT_DISPOSITION,
                    description = "attachment; filename=\"vault-{id}-{month}.csv\"", schema = @Schema(types = "string",
                            pattern = "^attachment; filename=\"vault-[0-9a-f-]{36}-[0-9]{4}-[0-9]{2}\\.csv\"$", maxLength = 80)),
                    content = @Content(mediaType = "text/csv", schema = @Schema(types = "string", maxLength = 2_000_000,
                            pattern = "^date,kind,amount,currency,balance_after,id\\r\\n"))))
    @ProblemResponse(status = 400, codes = "invalid_month", description = "A later month, or one not written yyyy-mm.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "vault_not_found", description = "Another user's vault is not found either.")
    Mono<ResponseEntity<String>> statementCsv(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @Parameter(description = "yyyy-mm, up to this month", schema = @Schema(pattern = MONTH, maxLength = 7)) @PathVariable String month) {
        return statement(jwt, id, month).map(s -> {
            var csv = new StringBuilder("date,kind,amount,currency,balance_after,id\r\n");
            csv.append(YearMonth.parse(s.month()).atDay(1)).append(",OPENING_BALANCE,,EUR,").append(s.openingBalance().amount()).append(",\r\n");
            for (var item : s.items()) {
                csv.append(item.valueDate()).append(',').append(item.kind()).append(',').append(item.amount().amount()).append(",EUR,")
                        .append(item.balanceAfter().amount()).append(',').append(item.id()).append("\r\n");
            }
            csv.append(YearMonth.parse(s.month()).atEndOfMonth()).append(",CLOSING_BALANCE,,EUR,").append(s.closingBalance().amount()).append(",\r\n");
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"vault-" + s.vaultId() + "-" + s.month() + ".csv\"")
                    .body(csv.toString());
        });
    }

    @GetMapping("/api/savings/rate")
    @Operation(operationId = "getSavingsRate", summary = "Get the vaults' interest rate and its history")
    Mono<Rates> rate() {
        var today = properties.today(clock);
        return rates.changes().map(changes -> {
            var history = changes.reversed().stream()
                    .map(c -> new Rate(c.rate().percent(), c.effectiveFrom().toString())).toList();
            var current = changes.stream().filter(c -> !c.effectiveFrom().isAfter(today)).reduce((a, b) -> b)
                    .orElse(new io.piaf.savings.internal.domain.RateHistory.Change(today, new InterestRate(0)));
            return new Rates(current.rate().percent(), current.effectiveFrom().toString(), "ACT/365 Fixed", history);
        });
    }

    private YearMonth month(String text) {
        try {
            var month = YearMonth.parse(text);
            if (month.isAfter(YearMonth.from(properties.today(clock))) || month.getYear() < 2000) {
                throw ProblemException.badRequest("invalid_month", "A statement is for a month up to this one, as yyyy-mm.");
            }
            return month;
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid_month", "A statement's month is written yyyy-mm, e.g. 2026-11.");
        }
    }

    private static long seq(String cursor) {
        try {
            return Long.parseLong(Cursor.decode(cursor, 1).getFirst());
        } catch (NumberFormatException e) {
            throw Cursor.invalid();
        }
    }
}
