package io.piaf.savings.internal;

import java.time.Clock;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.common.ApiFormats;
import io.piaf.common.ProblemException;
import io.piaf.common.ProblemResponse;
import io.piaf.idempotency.IdempotentRequests;
import io.piaf.savings.VaultId;
import io.piaf.savings.internal.MovementStore.Kind;
import io.piaf.savings.internal.VaultViews.MoneyJson;
import io.piaf.savings.internal.VaultViews.VaultView;
import io.piaf.savings.internal.domain.Goal;
import io.piaf.savings.internal.domain.RoundUp;
import io.piaf.savings.internal.domain.SavingSchedule;
import io.piaf.savings.internal.domain.VaultName;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@RestController
@Tag(name = "Savings")
class VaultController {

    static final String REPLAYED = "Idempotent-Replayed";

    @Schema(name = "VaultGoalInput")
    record GoalJson(
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = VaultViews.MONEY_INPUT) MoneyJson amount,
            @Schema(format = "date", description = "The day it should be reached by: today or later") String date) {
    }

    @Schema(name = "NewVault")
    record NewVault(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, maxLength = VaultName.MAX,
                    description = "1 to 50 characters once trimmed, one line", example = "Holidays") String name,
            GoalJson goal) {
    }

    /** PATCH body: a member left out is left unchanged; {@code "goal": null} removes the goal. */
    @Schema(name = "VaultChanges", description = "What to change; a member left out is left as it is")
    static final class VaultChanges {
        private String name;
        private GoalJson goal;
        private boolean goalGiven;

        @Schema(pattern = ApiFormats.LINE, maxLength = VaultName.MAX, description = "1 to 50 characters once trimmed, one line")
        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        @Schema(implementation = GoalJson.class, nullable = true, description = "The new goal; null removes it")
        public GoalJson getGoal() {
            return goal;
        }

        public void setGoal(GoalJson goal) {
            this.goal = goal;
            this.goalGiven = true;
        }
    }

    @Schema(name = "VaultMoveRequest")
    record MoveRequest(@Schema(requiredMode = RequiredMode.REQUIRED, ref = VaultViews.MONEY_INPUT) MoneyJson amount) {
    }

    @Schema(name = "VaultRoundUpsChange")
    record RoundUpsRequest(
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "Enabling them here turns them off on your other vaults")
            Boolean enabled,
            @Schema(minimum = "1", maximum = "10", description = "Required when enabling: the change is saved this many times")
            Integer multiplier) {
    }

    @Schema(name = "VaultScheduleChange")
    record ScheduleRequest(
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = VaultViews.MONEY_INPUT) MoneyJson amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "WEEKLY", "MONTHLY" }) String frequency,
            @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1", maximum = "31",
                    description = "WEEKLY: 1 (Monday) to 7; MONTHLY: 1 to 31, a shorter month's last day past its end") Integer day) {
    }

    private final VaultService vaults;
    private final VaultMoves moves;
    private final VaultStore store;
    private final IdempotentRequests idempotency;
    private final SavingsProperties properties;
    private final Clock clock;
    private final JsonMapper json;

    VaultController(VaultService vaults, VaultMoves moves, VaultStore store, IdempotentRequests idempotency,
            SavingsProperties properties, Clock clock, JsonMapper json) {
        this.vaults = vaults;
        this.moves = moves;
        this.store = store;
        this.idempotency = idempotency;
        this.properties = properties;
        this.clock = clock;
        this.json = json;
    }

    @GetMapping("/api/savings/vaults")
    @Operation(operationId = "listVaults", summary = "List your vaults", description = "Open vaults first, newest first, then closed ones.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    Mono<VaultViews.Vaults> list(@AuthenticationPrincipal Jwt jwt) {
        return store.list(Callers.user(jwt)).map(VaultViews::of).collectList().map(VaultViews.Vaults::new);
    }

    @PostMapping(path = "/api/savings/vaults", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "openVault", summary = "Open a vault, with a goal if you like",
            description = "At most 20 open vaults (vault_limit_reached carries `maxOpenVaults`). Idempotency-Key: the same key "
                    + "and request answer the stored response again (Idempotent-Replayed: true).",
            responses = @ApiResponse(responseCode = "201", description = "Created", headers = @Header(
                    name = REPLAYED, description = "true when this is the stored answer to an earlier request with the same key",
                    schema = @Schema(types = "string", allowableValues = "true")),
                    content = @Content(schema = @Schema(implementation = VaultView.class))))
    @ProblemResponse(status = 400, codes = { "invalid_name", "invalid_goal", "invalid_amount", "unsupported_currency",
            "invalid_idempotency_key" }, description = "invalid_name carries `maxLength` when the name is too long.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 409, codes = "idempotency_key_in_use", description = "A request with this key is still running.")
    @ProblemResponse(status = 422, codes = { "vault_limit_reached", "idempotency_key_reused" })
    Mono<ResponseEntity<String>> open(@AuthenticationPrincipal Jwt jwt,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key, @RequestBody NewVault body) {
        var owner = Callers.user(jwt);
        return Mono.defer(() -> {
            if (body == null) {
                throw ProblemException.badRequest("invalid_name", "A vault has a name, e.g. \"Holidays\".");
            }
            var name = VaultName.clean(body.name());
            var goal = goal(body.goal());
            var fingerprint = idempotency.fingerprint("savings OPEN", name, goal == null ? null : Long.toString(goal.cents()),
                    goal == null || goal.date() == null ? null : goal.date().toString());
            return idempotency.execute(owner.value(), key, fingerprint, completion -> vaults.open(owner, new VaultService.Opening(name, goal))
                    .flatMap(row -> {
                        var view = json.writeValueAsString(VaultViews.of(row));
                        // Stored after the vault committed: a crash in between frees the key and a retry opens another.
                        return completion.complete(201, view).thenReturn(new IdempotentRequests.Response(201, view, false));
                    }));
        }).map(VaultController::entity);
    }

    @GetMapping("/api/savings/vaults/{id}")
    @Operation(operationId = "getVault", summary = "Get one of your vaults")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "vault_not_found", description = "Another user's vault is not found either.")
    Mono<VaultView> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return vaults.find(Callers.user(jwt), vaultId(id)).map(VaultViews::of);
    }

    @PatchMapping(path = "/api/savings/vaults/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "updateVault", summary = "Rename a vault, or set or remove its goal",
            description = "A new goal the balance already meets is reached at once (and notified).")
    @ProblemResponse(status = 400, codes = { "nothing_to_change", "invalid_name", "invalid_goal", "invalid_amount", "unsupported_currency" },
            description = "invalid_name carries `maxLength` when the name is too long.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "vault_not_found", description = "Another user's vault is not found either.")
    @ProblemResponse(status = 409, codes = "vault_closed")
    Mono<VaultView> update(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody VaultChanges body) {
        var owner = Callers.user(jwt);
        var vault = vaultId(id);
        return Mono.defer(() -> {
            if (body == null || body.name == null && !body.goalGiven) {
                throw ProblemException.badRequest("nothing_to_change", "Send \"name\" and/or \"goal\" (null removes the goal).");
            }
            var name = body.name == null ? null : VaultName.clean(body.name);
            var goal = body.goalGiven && body.goal != null ? goal(body.goal) : null;
            return vaults.update(owner, vault, name, goal, body.goalGiven && body.goal == null);
        }).map(VaultViews::of);
    }

    /** Closes the vault: its interest is paid and its balance swept back to the wallet. */
    @DeleteMapping("/api/savings/vaults/{id}")
    @Operation(operationId = "closeVault", summary = "Close a vault: its interest is paid and its balance goes back to your wallet",
            description = "Interest accrued through yesterday is credited first (whole cents). Closing a closed vault answers it again.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "vault_not_found", description = "Another user's vault is not found either.")
    Mono<VaultView> close(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return moves.close(Callers.user(jwt), vaultId(id)).map(VaultViews::of);
    }

    @PostMapping(path = "/api/savings/vaults/{id}/deposits", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "depositIntoVault", summary = "Move money from your wallet into a vault",
            description = "Idempotency-Key: the same key and request answer the stored response again (Idempotent-Replayed: true).",
            responses = @ApiResponse(responseCode = "201", description = "Created", headers = @Header(
                    name = REPLAYED, description = "true when this is the stored answer to an earlier request with the same key",
                    schema = @Schema(types = "string", allowableValues = "true")),
                    content = @Content(schema = @Schema(implementation = VaultViews.MoveView.class))))
    @ProblemResponse(status = 400, codes = { "invalid_amount", "unsupported_currency", "invalid_idempotency_key" })
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "vault_not_found", description = "Another user's vault is not found either.")
    @ProblemResponse(status = 409, codes = { "vault_closed", "idempotency_key_in_use" },
            description = "idempotency_key_in_use: a request with this key is still running.")
    @ProblemResponse(status = 422, codes = { "insufficient_funds", "idempotency_key_reused" },
            description = "insufficient_funds carries `from`: `wallet` or `vault`.")
    Mono<ResponseEntity<String>> deposit(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key, @RequestBody MoveRequest body) {
        return move(jwt, id, key, body, Kind.DEPOSIT);
    }

    @PostMapping(path = "/api/savings/vaults/{id}/withdrawals", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "withdrawFromVault", summary = "Move money from a vault back to your wallet",
            description = "Idempotency-Key: the same key and request answer the stored response again (Idempotent-Replayed: true).",
            responses = @ApiResponse(responseCode = "201", description = "Created", headers = @Header(
                    name = REPLAYED, description = "true when this is the stored answer to an earlier request with the same key",
                    schema = @Schema(types = "string", allowableValues = "true")),
                    content = @Content(schema = @Schema(implementation = VaultViews.MoveView.class))))
    @ProblemResponse(status = 400, codes = { "invalid_amount", "unsupported_currency", "invalid_idempotency_key" })
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "vault_not_found", description = "Another user's vault is not found either.")
    @ProblemResponse(status = 409, codes = { "vault_closed", "idempotency_key_in_use" },
            description = "idempotency_key_in_use: a request with this key is still running.")
    @ProblemResponse(status = 422, codes = { "insufficient_funds", "idempotency_key_reused" },
            description = "insufficient_funds carries `from`: `wallet` or `vault`.")
    Mono<ResponseEntity<String>> withdraw(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key, @RequestBody MoveRequest body) {
        return move(jwt, id, key, body, Kind.WITHDRAWAL);
    }

    private Mono<ResponseEntity<String>> move(Jwt jwt, String id, String key, MoveRequest body, Kind kind) {
        var owner = Callers.user(jwt);
        var vault = vaultId(id);
        return Mono.defer(() -> moves.move(owner, vault, kind, MoneyJson.cents(body == null ? null : body.amount()), key))
                .map(VaultController::entity);
    }

    @PutMapping(path = "/api/savings/vaults/{id}/round-ups", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "setVaultRoundUps", summary = "Turn round-ups into a vault on or off",
            description = "Each payment or donation out of the wallet is rounded up to the next euro, and the change times the "
                    + "multiplier moves into the vault. One vault per user: enabling them here turns them off on the others.")
    @ProblemResponse(status = 400, codes = { "invalid_round_ups", "invalid_multiplier" })
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "vault_not_found", description = "Another user's vault is not found either.")
    @ProblemResponse(status = 409, codes = "vault_closed")
    Mono<VaultView> roundUps(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody RoundUpsRequest body) {
        var owner = Callers.user(jwt);
        var vault = vaultId(id);
        return Mono.defer(() -> body == null ? Mono.error(ProblemException.badRequest("invalid_round_ups", "\"enabled\" is true or false."))
                : vaults.roundUps(owner, vault, body.enabled(), Boolean.TRUE.equals(body.enabled()) ? RoundUp.multiplier(body.multiplier()) : null))
                .map(VaultViews::of);
    }

    @PutMapping(path = "/api/savings/vaults/{id}/schedule", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "setVaultSchedule", summary = "Save into a vault every week or every month",
            description = "The first run is the first such day after today: setting a schedule never moves money at once.")
    @ProblemResponse(status = 400, codes = { "invalid_schedule", "invalid_amount", "unsupported_currency" })
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "vault_not_found", description = "Another user's vault is not found either.")
    @ProblemResponse(status = 409, codes = "vault_closed")
    Mono<VaultView> schedule(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody ScheduleRequest body) {
        var owner = Callers.user(jwt);
        var vault = vaultId(id);
        return Mono.defer(() -> {
            if (body == null) {
                throw ProblemException.badRequest("invalid_schedule", "A schedule is {\"amount\",\"frequency\",\"day\"}.");
            }
            var cents = MoneyJson.cents(body.amount());
            return vaults.schedule(owner, vault, SavingSchedule.of(cents, body.frequency(), body.day()));
        }).map(VaultViews::of);
    }

    @DeleteMapping("/api/savings/vaults/{id}/schedule")
    @Operation(operationId = "removeVaultSchedule", summary = "Stop a vault's scheduled saving")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "vault_not_found", description = "Another user's vault is not found either.")
    @ProblemResponse(status = 409, codes = "vault_closed")
    Mono<VaultView> unschedule(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return vaults.unschedule(Callers.user(jwt), vaultId(id)).map(VaultViews::of);
    }

    private Goal goal(GoalJson goal) {
        if (goal == null) {
            return null;
        }
        if (goal.amount() == null) {
            throw ProblemException.badRequest("invalid_goal", "A goal has an amount: {\"amount\":{\"amount\":\"500.00\",\"currency\":\"EUR\"}}.");
        }
        return Goal.of(MoneyJson.cents(goal.amount()), goal.date(), properties.today(clock));
    }

    /** A path id that is not a vault's is as unknown as another user's vault. */
    static VaultId vaultId(String id) {
        try {
            return new VaultId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw VaultService.notFound();
        }
    }

    static ResponseEntity<String> entity(IdempotentRequests.Response response) {
        var builder = ResponseEntity.status(HttpStatus.valueOf(response.status())).contentType(MediaType.APPLICATION_JSON);
        if (response.replayed()) {
            builder.header(REPLAYED, "true");
        }
        return builder.body(response.body());
    }
}
